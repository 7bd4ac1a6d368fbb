// The planning namespace: one file per feature (gap matrix, readiness and phase gates, skill
// decay, forecast, traceability, Project 1816 quotas, annual minutes), keys `planning:<feature>.<key>`.
import decay from "./planning/decay";
import forecast from "./planning/forecast";
import gaps from "./planning/gaps";
import minutes from "./planning/minutes";
import quota from "./planning/quota";
import readiness from "./planning/readiness";
import trace from "./planning/trace";

export default { gaps, readiness, decay, forecast, trace, quota, minutes } as const;
