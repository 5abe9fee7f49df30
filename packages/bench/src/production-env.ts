// Imported first by `pnpm bench` and `pnpm cost`, before any handler module builds its Powertools logger and
// metrics from the environment: the handlers print what they print on Lambda (compact JSON, INFO and above,
// EMF metrics on), so the cost model meters production's function logs. The probe counts those lines and
// keeps them off the terminal.
process.env.POWERTOOLS_DEV = 'false';
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

export {};
