import type { AppConfig } from '../config';
import type { ScreeningService } from '../queue/screening-service';

/** What every route module receives: the frozen config and the one queue service. */
export interface AppDeps {
  config: AppConfig;
  service: ScreeningService;
}

/** Absolute URL of a path under PUBLIC_BASE_URL, for links we hand out. */
export function publicUrl(config: AppConfig, path: string): string {
  return `${config.publicBaseUrl.replace(/\/+$/, '')}${path}`;
}
