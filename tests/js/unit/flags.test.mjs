// web/flags.js: which codes have a flag in the pinned package.
import assert from "node:assert/strict";
import test from "node:test";

import { flagUrl } from "../../../web/flags.js";

test("an ISO code and Kosovo's XK have a flag; other user-assigned codes have none", () => {
  assert.match(flagUrl("KZ"), /\/flags\/4x3\/kz\.svg$/);
  assert.match(flagUrl("xk"), /\/flags\/4x3\/xk\.svg$/);
  for (const code of ["XS", "AA", "QM", "ZZ", "", null, "KAZ"]) assert.equal(flagUrl(code), null, code);
});
