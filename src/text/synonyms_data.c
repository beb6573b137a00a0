/* synonyms_data.c - the alias tables (see synonyms.h for the format).
 *
 * Only true equivalents belong here: an alias folds two words into one for
 * every talking point of every question, so "fast"/"quick" is fine but
 * "error"/"exception" is not (they mean different things to an engineer). */
#include "text/synonyms.h"

const char *const cd_text_synonym_groups[] = {
    /* abbreviations engineers use in speech */
    "database db dbs datastore",
    "kubernetes k8s kube",
    "javascript js ecmascript",
    "typescript ts",
    "performance perf",
    "postgresql postgres psql",
    "mongodb mongo",
    "authentication auth authn",
    "authorization authz",
    "configuration config cfg conf",
    "environment env",
    "repository repo",
    "application app",
    "function func fn",
    "variable var",
    "parameter param params",
    "message msg",
    "asynchronous async",
    "synchronous sync",
    "documentation docs",
    "production prod",
    "development dev",
    "internationalization i18n internationalisation",
    "localization l10n localisation",
    "accessibility a11y",
    "observability o11y",
    "memory ram",
    "cpu processor",
    "node.js nodejs",
    "pr prs",
    "vm vms",
    "react reactjs react.js",
    "vue vuejs vue.js",
    "kilobyte kb",
    "megabyte mb",
    "gigabyte gb",
    "millisecond ms msec milliseconds",
    "second sec secs",
    "minute mins",
    "percent pct",
    /* everyday equivalents */
    "fast quick quickly rapid speedy faster quicker",
    "slow sluggish slower",
    "large big huge",
    "small tiny little",
    "reduce decrease shrink minimize minimise",
    "increase raise boost",
    "bug defect",
    "problem issue",
    "latency lag",
    "team squad",
    "manager boss",
    "disagree disagreement",
    "memoization memoize memoise",
    /* British spellings */
    "optimize optimise optimisation optimization",
    "behavior behaviour",
    "analyze analyse",
    "normalize normalise",
    "serialize serialise",
    "prioritize prioritise",
    "organize organise",
    "initialize initialise",
    "utilize utilise",
    "summarize summarise",
    "color colour",
    "favor favour",
    "center centre",
    "license licence",
    "catalog catalogue",
};
const size_t cd_text_synonym_groups_n =
    sizeof cd_text_synonym_groups / sizeof *cd_text_synonym_groups;

const char *const cd_text_multiword_groups[] = {
    "ml|machine learning",
    "ai|artificial intelligence",
    "ci|continuous integration",
    "cd|continuous delivery|continuous deployment",
    "pr|pull request|merge request",
    "e2e|end to end",
    "lb|load balancer|load balancing",
    "vm|virtual machine",
    "oop|object oriented programming|object oriented",
    "api|application programming interface",
    "cdn|content delivery network",
    "dns|domain name system",
    "sla|service level agreement",
    "slo|service level objective",
    "ttl|time to live",
    "orm|object relational mapping|object relational mapper",
    "spa|single page application|single page app",
    "ssr|server side rendering",
    "tdd|test driven development",
    "ddd|domain driven design",
    "mvp|minimum viable product",
    "kpi|key performance indicator",
    "llm|large language model",
    "nlp|natural language processing",
    "rbac|role based access control",
    "jwt|json web token",
    "xss|cross site scripting",
    "csrf|cross site request forgery",
    "dom|document object model",
    "gc|garbage collection|garbage collector",
    "ui|user interface",
    "ux|user experience",
    "qa|quality assurance",
    "poc|proof of concept",
    "mttr|mean time to recovery|mean time to repair|time to recovery",
    "rca|root cause analysis",
    "btree|b tree",
    "oncall|on call",
    "postmortem|post mortem",
};
const size_t cd_text_multiword_groups_n =
    sizeof cd_text_multiword_groups / sizeof *cd_text_multiword_groups;

/* Related terms: one-way evidence for a talking point's word. A point that
 * says "communication with stakeholders" is covered by an answer that says
 * "I posted updates for support and the customers", but an answer that
 * says "communication" does not thereby mention updates. Format: "point-word:
 * evidence words". Kept to behavioural and process vocabulary, where
 * candidates rarely use the abstract noun of the talking point. */
const char *const cd_text_related_groups[] = {
    "communication: communicate update updates inform informed told tell explained posted "
    "message emailed called slack channel notified announced",
    "stakeholders: customers customer manager support client clients leadership product "
    "users business",
    "mitigate: rollback rolled revert reverted restore restored hotfix disabled failover "
    "stopped",
    "diagnose: traced trace logs debugged investigated profiled found cause",
    "impact: customers users revenue errors outage down failing",
    "alert: paged pager alarm fired page",
    "recovery: recovered restored back",
    "postmortem: retrospective retro review",
    "conflict: disagreed disagreement argued argument tension",
    "feedback: criticism review reviewed comments",
    "deadline: due launch date sprint",
    "learned: lesson learnt realized",
    "ownership: owned responsible took volunteered",
    "prioritize: priority priorities urgent important first",
    "compromise: agreed middle trade",
    "stress: pressure overwhelmed",
    "mentor: taught coached helped onboarded paired",
    "failure: failed mistake wrong missed",
};
const size_t cd_text_related_groups_n =
    sizeof cd_text_related_groups / sizeof *cd_text_related_groups;
