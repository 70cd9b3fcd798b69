"""HTTP concerns shared by every layer: the error shape, security headers, ETags,
admission control and the bounded cache map. Imports nothing from the layers above."""
