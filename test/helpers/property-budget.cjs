// Loaded (--require) into every file of the property suite (test/run.mjs): each fast-check property gets a time
// budget. On a quiet machine every property runs all its numRuns well within it; on a busy one a property stops at
// the budget with the runs it made (none failed, or the test fails as usual) instead of tripling the suite's time.
// PROPERTY_BUDGET_MS=0 lifts the budget (a thorough run: FUZZ_SEED and a long night).
const fc = require('fast-check');

const budget = Number(process.env.PROPERTY_BUDGET_MS ?? 20_000);
if (budget > 0) fc.configureGlobal({ ...fc.readConfigureGlobal(), interruptAfterTimeLimit: budget, markInterruptAsFailure: false });
