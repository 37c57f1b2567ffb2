// How a verification code reaches a phone: an integration with a health entry. The only sender here
// is `log` — it delivers nothing and says so in /health/detailed — so without a real provider codes
// go nowhere and verification cannot complete (closed, not open). The code itself is never logged:
// a log is read by more people than the phone's owner. A provider (SNS, Twilio…) is one more
// implementation of SmsSender and one more value of SMS_SENDER.
import type { Logger } from './logger.ts';
import type { Integration } from './service-integration-manager.ts';

export interface SmsSender {
  readonly kind: string;
  /** True when messages actually reach phones. */
  readonly delivers: boolean;
  /** Resolves once the provider accepted the message; rejects when it did not. */
  send(phone: string, message: string, context: Record<string, unknown>): Promise<void>;
}

/** '+15550001111' → '+1555•••1111': enough to correlate, not enough to reuse. */
export function maskPhone(phone: string): string {
  return phone.length <= 8 ? '•••' : `${phone.slice(0, 5)}•••${phone.slice(-4)}`;
}

export class LogSmsSender implements SmsSender {
  readonly kind = 'log';
  readonly delivers = false;
  constructor(private readonly logger: Logger) {}

  async send(phone: string, _message: string, context: Record<string, unknown>): Promise<void> {
    this.logger.info(
      { event: 'sms.not-delivered', sender: this.kind, phone: maskPhone(phone), ...context },
      'log-only SMS sender: the message was not delivered',
    );
  }
}

export function smsSenderIntegration(sender: SmsSender): Integration {
  return {
    name: 'sms',
    critical: false,
    async init() {},
    async check() {
      // 'disabled', not 'degraded': nothing is failing, there is just no delivery configured.
      return {
        status: sender.delivers ? 'up' : 'disabled',
        detail: { sender: sender.kind, delivers: sender.delivers },
      };
    },
  };
}
