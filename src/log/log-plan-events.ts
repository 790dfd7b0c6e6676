/** The read and plan events as pino lines with registered codes (shared by plan, apply and export). */
import type { Logger } from 'pino';
import type { EngineEvents } from '../model/engine-events.js';
import { LOG_CODES } from './codes.js';

export function logPlanEvents(events: EngineEvents, logger: Logger): void {
  events.on((event) => {
    if (event.type === 'users.resolved') {
      const { type: _type, ...fields } = event;
      logger.info({ code: 'WSR_I2004', ...fields }, LOG_CODES.WSR_I2004.message);
    }
    if (event.type === 'read.done')
      logger.info({ code: 'WSR_I2002', environment: event.environment, calls: event.calls, ms: event.ms }, LOG_CODES.WSR_I2002.message);
    if (event.type === 'plan.done') logger.info({ code: 'WSR_I3001', environment: event.environment, summary: event.summary }, LOG_CODES.WSR_I3001.message);
  });
}
