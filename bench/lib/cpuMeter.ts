import { cpuTimeMs } from '@lookout/test-kit/processes';

export interface CpuReading {
  /** Server CPU time per unit of work, in microseconds. */
  serverUsPerUnit: number;
  /** Server CPU use over the window, in cores (1 = one core busy). */
  serverCores: number;
  /** This process's (the load generator's) CPU use over the window, in cores. */
  clientCores: number;
}

/** Reads the server's and this process's CPU counters at the start and end of a measurement window. */
export class CpuMeter {
  readonly #pid: number | undefined;
  #start: { server: number; client: NodeJS.CpuUsage; at: number } | undefined;
  #end: { server: number; client: NodeJS.CpuUsage; at: number } | undefined;

  constructor(serverPid: number | undefined) {
    this.#pid = serverPid;
  }

  readonly start = (): void => {
    this.#start = { server: cpuTimeMs(this.#pid), client: process.cpuUsage(), at: performance.now() };
  };

  readonly stop = (): void => {
    this.#end = { server: cpuTimeMs(this.#pid), client: process.cpuUsage(), at: performance.now() };
  };

  reading(units: number): CpuReading {
    const a = this.#start;
    const b = this.#end;
    if (!a || !b || units <= 0)
      return { serverUsPerUnit: Number.NaN, serverCores: Number.NaN, clientCores: Number.NaN };
    const wallMs = b.at - a.at;
    const serverMs = b.server - a.server;
    const clientUs = b.client.user + b.client.system - (a.client.user + a.client.system);
    return {
      serverUsPerUnit: (serverMs * 1000) / units,
      serverCores: serverMs / wallMs,
      clientCores: clientUs / 1000 / wallMs,
    };
  }
}
