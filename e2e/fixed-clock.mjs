// Loaded into the app's server (node --import) by specs about the calendar: the server's clock starts at
// E2E_CLOCK_START and runs on from there, so a step taken "now" happens at a chosen China time of day.
const start = Date.parse(process.env.E2E_CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('E2E_CLOCK_START must be an ISO instant');
const SystemDate = Date;
const offset = start - SystemDate.now();
const now = () => SystemDate.now() + offset;

globalThis.Date = new Proxy(SystemDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
  apply: () => new SystemDate(now()).toString(),
  get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
});
