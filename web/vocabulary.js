// Generated from server/model/vocabulary.py by `make schema` (python -m server
// export-vocabulary --output web/vocabulary.js): do not edit. Change the model and run
// `make schema`; tests/test_web_vocabulary.py fails while this file is stale.
//
// Each vocabulary maps its GraphQL enum values, in display order, to
// { value, word, meaning, order }: the short word a page shows and what it means.

const terms = (rows) => Object.freeze(Object.fromEntries(rows.map(([value, word, meaning], order) => [value, Object.freeze({ value, word, meaning, order })])));

export const AgreementKind = terms([
  ["NORMALIZATION_FRAMEWORK", "normalization framework", "A framework that countries join to normalize their relations with Israel."],
  ["PEACE_INITIATIVE", "peace initiative", "A proposal for peace that countries put forward or back, not a treaty."],
  ["PEACE_TREATY", "peace treaty", "A treaty that ends a state of war between its parties."],
  ["BILATERAL_AGREEMENTS", "bilateral agreements", "Agreements between two countries, signed together or as a set."],
  ["MEMORANDUM", "memorandum", "A memorandum of understanding: a written undertaking short of a treaty."],
  ["CEASEFIRE", "ceasefire", "An agreement to stop fighting."],
]);

export const Role = terms([
  ["PARTY", "party", "A country bound by the agreement (or, while announced, one that said it will be)."],
  ["BROKER", "broker", "A country that brought the parties together, not bound itself."],
  ["ENDORSER", "endorser", "A country that backed an initiative."],
  ["PROPOSER", "proposer", "The country that put an initiative forward."],
  ["CANDIDATE", "candidate", "A country reported or saying it may join: not a party, and not counted as one."],
]);

export const Status = terms([
  ["REPORTED_CANDIDATE", "reported candidate", "Reported as likely to join (by the press or another government); the country itself has not said it will."],
  ["CONDITIONAL_INTEREST", "conditional interest", "The country said it would join, or normalize, once conditions it named are met."],
  ["STATED_INTENT", "stated intent", "The country said it wants to join, naming no condition; the parties have not announced it."],
  ["IN_TALKS", "in talks", "The country is in talks on normalization or joining, on the record."],
  ["ANNOUNCED", "announced", "The country has declared its intent to join; nothing is signed yet."],
  ["PROPOSED", "proposed", "The country put the agreement forward (the Arab Peace Initiative's proposer, for example)."],
  ["ENDORSED", "endorsed", "The country backed it, for instance by a summit's resolution, without signing a treaty."],
  ["SIGNED", "signed", "The country signed; ratification or entry into force had not followed by then."],
  ["RATIFIED", "ratified", "The country's own procedure (parliament, decree) approved what it signed."],
  ["IN_FORCE", "in force", "The agreement has taken effect for the country."],
  ["STALLED", "stalled", "Signed but never completed: a source reports it stuck, often with a “by” date."],
  ["WITHDRAWN", "withdrawn", "The country left or renounced it."],
]);

export const EventKind = terms([
  ["ANNOUNCEMENT", "announcement", "An intent declared, such as to normalize relations or to join an agreement."],
  ["SIGNING", "signing", "An agreement or a declaration signed."],
  ["DIPLOMATIC_RELATIONS", "diplomatic relations", "Diplomatic relations established between two countries."],
  ["EMBASSY_OPENING", "embassy opening", "An embassy opened."],
  ["VISIT", "visit", "An official visit by one country's leaders or ministers."],
  ["SUMMIT", "summit", "A meeting of several countries' leaders or ministers."],
  ["STATEMENT", "statement", "An official statement."],
  ["INDEPENDENCE", "independence", "A country became independent."],
  ["CONFLICT", "conflict", "Fighting broke out or a war began."],
  ["CEASEFIRE", "ceasefire", "A ceasefire agreed or taking effect."],
  ["ENDORSEMENT", "endorsement", "An initiative formally backed, for instance by a summit's resolution."],
  ["RECOGNITION", "recognition", "One country recognized the other."],
  ["RELATIONS_SUSPENDED", "relations suspended", "Relations suspended (frozen) without being formally broken off."],
  ["RELATIONS_SEVERED", "relations severed", "Relations formally broken off."],
  ["RELATIONS_RESTORED", "relations restored", "Relations restored after they had been suspended or broken off."],
  ["OFFICE_OPENING", "office opening", "An interest section, liaison or trade office opened (not an embassy)."],
  ["OFFICE_CLOSING", "office closing", "An interest section, liaison or trade office closed."],
  ["REPRESENTATION", "representation", "An ambassador accredited, recalled, expelled or returned, or a mission downgraded, raised or closed, while diplomatic relations stood."],
]);

export const RelationStepKind = terms([
  ["RECOGNIZED", "recognized", "One country recognized the other."],
  ["RELATIONS_ESTABLISHED", "relations established", "The two established diplomatic relations."],
  ["RELATIONS_SUSPENDED", "relations suspended", "Relations were suspended (frozen) without being formally broken off."],
  ["RELATIONS_SEVERED", "relations severed", "Relations were formally broken off."],
  ["RELATIONS_RESTORED", "relations restored", "Relations were restored after they had been suspended or broken off."],
  ["OFFICE_OPENED", "office opened", "An interest section, liaison or trade office opened (not an embassy)."],
  ["OFFICE_CLOSED", "office closed", "An interest section, liaison or trade office closed."],
  ["NORMALIZATION_ANNOUNCED", "normalization announced", "The two announced that they would normalize relations."],
  ["AGREEMENT_SIGNED", "agreement signed", "The two signed an agreement on their relations."],
]);

export const RelationState = terms([
  ["FULL", "full relations", "Full diplomatic relations are in place."],
  ["LIAISON_OFFICE", "liaison office only", "No embassies, only an interest section, liaison or trade office."],
  ["RECOGNITION_ONLY", "recognition only", "One side recognizes the other, without diplomatic relations."],
  ["SUSPENDED", "suspended", "Relations are suspended (frozen) without being formally broken off."],
  ["SEVERED", "severed", "Relations were formally broken off."],
  ["NO_RELATIONS", "no relations (offices closed)", "Only liaison, trade or interest offices had existed, and they were closed: there are no relations now, and diplomatic relations were never on record."],
  ["NONE_EVER", "none ever", "A cited source states the two had never had formal relations, up to that day."],
  ["UNKNOWN", "not on record", "Nothing is on record for that day: a gap in the record, never a finding that there were no relations."],
]);

export const SourceKind = terms([
  ["PRIMARY", "primary source", "A government, a treaty text or an official statement."],
  ["NEWS", "news report", "A news organisation's report."],
  ["REFERENCE", "reference work", "An encyclopedia or other reference work."],
  ["MIRROR", "mirror of a reference work", "A copy of a reference work published elsewhere."],
]);

export const Confidence = terms([
  ["HIGH", "high", "Rests on at least one primary or news source."],
  ["MEDIUM", "medium", "Rests on a reference work only."],
  ["LOW", "low", "Rests on only mirrors of reference works."],
]);

export const MembershipStepKind = terms([
  ["JOINED", "joined", "The country joined the group."],
  ["SUSPENDED", "suspended", "The group suspended the country's membership."],
  ["REINSTATED", "reinstated", "The group restored a suspended membership."],
  ["WITHDREW", "withdrew", "The country left the group."],
]);

export const MembershipStatus = terms([
  ["MEMBER", "member", "The country is a member of the group."],
  ["SUSPENDED", "suspended", "The country's membership is suspended."],
  ["WITHDRAWN", "withdrawn", "The country has left the group."],
]);

export const DateQualifier = terms([
  ["ON", "on", "The date is when it happened."],
  ["BY", "by", "Known only to hold by then: a source reported it as already true on that day."],
]);

export const DatePrecision = terms([
  ["DAY", "day", "Known to the day."],
  ["MONTH", "month", "Known to the month only."],
  ["YEAR", "year", "Known to the year only."],
]);

export const SortOrder = terms([
  ["ASC", "oldest first", "The earliest events come first."],
  ["DESC", "newest first", "The latest events come first."],
]);

export const ChangeAction = terms([
  ["ADDED", "added", "The record was added."],
  ["UPDATED", "updated", "The record was corrected or completed."],
]);

export const RecordType = terms([
  ["EVENT", "event", "A dated event on the timeline."],
  ["AGREEMENT", "agreement", "An agreement and who takes part in it."],
  ["RELATION", "relation", "Two countries' relations and their dated steps."],
  ["GROUP", "group membership", "A country's membership of a group."],
]);

export const RepresentationStepKind = terms([
  ["AMBASSADOR_ACCREDITED", "ambassador accredited", "An ambassador presented credentials and took up the post."],
  ["AMBASSADOR_RECALLED", "ambassador recalled", "The sending country called its ambassador home (in protest or for consultations); the mission stayed open."],
  ["AMBASSADOR_EXPELLED", "ambassador expelled", "The host country told the other's ambassador to leave; the mission stayed open."],
  ["AMBASSADOR_RETURNED", "ambassador returned", "A recalled or expelled ambassador, or a successor, went back to the post."],
  ["DOWNGRADED", "downgraded", "The mission was formally lowered below ambassador level (chargé d'affaires or lower)."],
  ["UPGRADED", "upgraded", "The mission was raised back to ambassador level."],
  ["MISSION_CLOSED", "mission closed", "The sending country's embassy closed, or all its diplomats left."],
]);

export const RepresentationLevel = terms([
  ["AMBASSADOR", "ambassadors", "Both missions are at ambassador level."],
  ["AMBASSADOR_WITHDRAWN", "ambassador withdrawn", "An ambassador was recalled or expelled; the mission stays open under a lower rank."],
  ["CHARGE_D_AFFAIRES", "chargé d'affaires", "A mission was formally downgraded: headed by a chargé d'affaires or lower."],
  ["NONE", "no embassy", "No embassy: diplomatic relations are not full, or a mission was closed."],
  ["UNKNOWN", "not on record", "Nothing is on record about the missions on that day: a gap, never a finding."],
]);

export const Acknowledgement = terms([
  ["BOTH", "both sides", "Both governments stated it on the record."],
  ["ONE_SIDE", "one side", "One government stated it; the other side is not on record about it."],
  ["REPORTED_ONLY", "reported only", "Only the press reported it, citing officials it does not name."],
  ["DENIED", "denied", "The other side denied it on the record."],
]);

export const CountMeasure = terms([
  ["FULL_RELATIONS", "full diplomatic relations", "States in full diplomatic relations with the country on that day."],
  ["DIPLOMATIC_RELATIONS", "diplomatic relations", "States whose diplomatic relations with the country stood on that day: full, or suspended (frozen) but not broken off."],
]);

export const PublishedMeasure = terms([
  ["RECOGNITION", "recognition", "States that recognize the country, whether or not they have relations with it."],
  ["DIPLOMATIC_RELATIONS", "diplomatic relations", "States that have diplomatic relations with the country."],
]);

export const CountriesMatch = terms([
  ["ALL", "all of", "Every one of them (the default)."],
  ["ANY", "any of", "At least one of them."],
]);

export const TermKind = terms([
  ["SIGNED_BY", "signed by", "Who signed for the country, with the person's office."],
  ["WITNESSED", "witnessed", "Who witnessed the signing for the country (a broker or a third government)."],
  ["BROKERED", "brokered", "What the country did to bring the parties together."],
  ["RECEIVED", "received", "What the country got in connection with the agreement, as the sources tie it."],
  ["GAVE", "gave or committed", "What the country gave, or committed itself to, in connection with the agreement."],
]);

// ISO 3166-1's user-assigned codes, and those of them that have a flag.
export const USER_ASSIGNED = /^(?:AA|Q[M-Z]|X[A-Z]|ZZ)$/;
export const FLAGGED_USER_CODES = Object.freeze(["XK"]);
