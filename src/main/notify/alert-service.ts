import crypto from 'node:crypto';
import type { z } from 'zod';
import {
  ALERT_CHANNEL_LABELS,
  MAX_ALERT_CHANNELS,
  alertSecretProblem,
  alertSetParamsSchema,
  alertTestParamsSchema,
  alertUrlProblem,
  type AlertChannelSummary,
  type AlertEventKind,
  type AlertSetParams,
  type AlertTestParams,
  type AlertTestResult,
} from '../../shared/ipc/alerts';
import { ApiError } from '../../shared/ipc/define';
import type { LogLevel } from '../../shared/model/enums';
import type { GatewayStatus } from '../../shared/model/types';
import type { EventBus } from '../engine/bus';
import type { EngineEvents } from '../engine/trading-engine';
import type { AlertEvent } from './alert-event';
import { ChannelStore, type KeyValueStore, type SecretVault, type StoredChannel } from './channel-store';
import { maskWebhookUrl, type FetchLike } from './deliver';
import { ALERT_LOG_SOURCE, subscribeEngineAlerts } from './engine-alerts';
import { Outbox } from './outbox';
import { VENDORS, type WebhookTarget } from './vendors';

export interface AlertServiceOptions {
  /** Channel settings without secrets (the terminal's SqliteTradingStore). */
  readonly settings: KeyValueStore;
  /** Webhook URLs and signing secrets, encrypted (the terminal's SecretStore). */
  readonly secrets: SecretVault;
  /** The engine's log (engine.log): failures are reported there, never with a URL or token. */
  readonly log: (level: LogLevel, source: string, message: string) => void;
  /** Whether an error line's source is a strategy instance (the terminal passes its runtime's instance names). */
  readonly isStrategy?: (source: string) => boolean;
  /** Tests send to a local server through their own fetch. */
  readonly fetch?: FetchLike;
  /** Wall-clock time (rate limits, signatures, gateway alerts) and sleeping: tests run a virtual clock. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface ChannelState {
  config: StoredChannel;
  target: WebhookTarget | undefined;
  /** Why it cannot send, when its URL cannot be read back. */
  problem: string | undefined;
  events: ReadonlySet<AlertEventKind>;
}

interface Channel extends ChannelState {
  outbox: Outbox;
}

/** The service checks its params itself too, so that a caller other than the API gets the same errors. */
function parseParams<S extends z.ZodType>(method: string, schema: S, params: unknown): z.output<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new ApiError('INVALID_PARAMS', `${method}: ${field ? `${field}: ` : ''}${issue.message}`, field || undefined);
}

function sleepUnref(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The alerts of one terminal: its channels (DingTalk, WeCom, Feishu, generic webhooks), the `alerts.*` requests one
 * method each, and `attach(bus)`, which makes the engine's fills, rejections, strategy errors, gateway outages and
 * settlements into messages. Sending never holds the engine up: each channel has its own queue (see Outbox).
 */
export class AlertService {
  /** Problems met loading the stored channels, for the log and the settings screen. */
  readonly problems: string[] = [];
  private readonly store: ChannelStore;
  private readonly channels = new Map<string, Channel>();
  private wanted = new Set<AlertEventKind>();
  private readonly detachers: (() => void)[] = [];
  private readonly fetchFn: FetchLike;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: AlertServiceOptions) {
    this.store = new ChannelStore(opts.settings, opts.secrets);
    this.fetchFn = opts.fetch ?? ((url, init) => fetch(url, init));
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? sleepUnref;
    const { channels, problems } = this.store.load();
    this.problems.push(...problems);
    for (const config of channels) {
      const channel = this.makeChannel(config);
      this.readTarget(channel);
      if (channel.problem !== undefined) this.problems.push(`告警通道「${config.name}」: ${channel.problem}`);
      this.channels.set(config.id, channel);
    }
    this.refreshWanted();
    for (const p of this.problems) opts.log('warn', ALERT_LOG_SOURCE, p);
  }

  // ---- requests ---------------------------------------------------------------------------------------------------

  /** alerts.get */
  get(): AlertChannelSummary[] {
    return [...this.channels.values()].map((c) => this.summary(c));
  }

  /** alerts.set: every entry is checked before anything is kept, so a bad entry changes nothing. */
  set(params: AlertSetParams): AlertChannelSummary[] {
    const { save = [], remove = [] } = parseParams('alerts.set', alertSetParamsSchema, params);
    // The channels as they will be, checked as a whole before anything is written.
    const next = new Map<string, StoredChannel>();
    for (const [id, c] of this.channels) if (!remove.includes(id)) next.set(id, c.config);
    const changed = new Map<string, { config: StoredChannel; target: WebhookTarget }>();

    save.forEach((input, i) => {
      const at = (f: string) => `save.${i}.${f}`;
      const existing = input.id !== undefined ? this.channels.get(input.id) : undefined;
      if (input.id !== undefined && (existing === undefined || remove.includes(input.id))) {
        throw new ApiError('NOT_FOUND', `告警通道 ${input.id} 不存在 (no alert channel ${input.id})`, at('id'));
      }
      const url = input.url || existing?.target?.url;
      if (!url) throw new ApiError('INVALID_PARAMS', '请填写 Webhook 地址 (the webhook URL is required)', at('url'));
      const urlProblem = alertUrlProblem(input.kind, url);
      if (urlProblem !== undefined) throw new ApiError('INVALID_PARAMS', urlProblem, at('url'));
      let secret = input.clearSecret ? undefined : input.secret || existing?.target?.secret;
      // A WeCom robot has no secret: one kept from the channel's earlier kind goes.
      if (input.kind === 'wecom') secret = undefined;
      if (secret !== undefined) {
        const secretProblem = alertSecretProblem(input.kind, secret);
        if (secretProblem !== undefined) throw new ApiError('INVALID_PARAMS', secretProblem, at('secret'));
      }
      const id = existing?.config.id ?? this.newId(next);
      const config: StoredChannel = {
        id,
        kind: input.kind,
        name: input.name,
        events: [...new Set(input.events)],
        enabled: input.enabled,
        lang: input.lang ?? existing?.config.lang ?? 'zh',
      };
      next.set(id, config);
      changed.set(id, { config, target: { url, secret } });
    });

    const names = new Set<string>();
    for (const config of next.values()) {
      if (names.has(config.name)) throw new ApiError('INVALID_PARAMS', `告警通道名称「${config.name}」重复 (two channels named ${config.name})`, 'save');
      names.add(config.name);
    }
    if (next.size > MAX_ALERT_CHANNELS) throw new ApiError('INVALID_PARAMS', `告警通道最多 ${MAX_ALERT_CHANNELS} 个 (at most ${MAX_ALERT_CHANNELS} channels)`, 'save');

    for (const id of remove) {
      const gone = this.channels.get(id);
      if (gone === undefined) continue;
      gone.outbox.close();
      this.channels.delete(id);
      this.store.forget(id);
    }
    for (const [id, { config, target }] of changed) {
      this.store.writeUrl(id, target.url);
      this.store.writeSecret(id, target.secret);
      let channel = this.channels.get(id);
      const kindChanged = channel !== undefined && channel.config.kind !== config.kind;
      channel ??= this.makeChannel(config);
      channel.config = config;
      if (kindChanged) {
        channel.outbox.close();
        channel.outbox = this.makeOutbox(channel);
      }
      channel.events = new Set(config.events);
      channel.target = target;
      channel.problem = undefined;
      this.channels.set(id, channel);
    }
    this.store.saveList([...this.channels.values()].map((c) => c.config));
    this.refreshWanted();
    return this.get();
  }

  /** alerts.test: one message, at once, whether the channel is enabled or not. */
  async test(params: AlertTestParams): Promise<AlertTestResult> {
    const { id } = parseParams('alerts.test', alertTestParamsSchema, params);
    const channel = this.channels.get(id);
    if (channel === undefined) throw new ApiError('NOT_FOUND', `告警通道 ${id} 不存在 (no alert channel ${id})`, 'id');
    if (channel.problem !== undefined) return { ok: false, message: channel.problem };
    const answer = await channel.outbox.sendNow({ type: 'test', time: this.now(), channel: channel.config.name });
    if (answer.ok) return { ok: true, message: '发送成功 (sent)' };
    return answer.code !== undefined ? { ok: false, message: answer.message, code: answer.code } : { ok: false, message: answer.message };
  }

  // ---- the engine ------------------------------------------------------------------------------------------------

  /**
   * Subscribes to an engine's events; returns the function that unsubscribes. `gateways` are the gateways' states
   * now (engine.gatewayStatuses()), so that the drop of a gateway connected before this call is noticed.
   */
  attach(bus: EventBus<EngineEvents>, gateways: readonly GatewayStatus[] = []): () => void {
    const off = subscribeEngineAlerts(bus, {
      gateways,
      wanted: (kind) => this.wanted.has(kind),
      emit: (e) => this.dispatch(e),
      isStrategy: this.opts.isStrategy,
      now: this.now,
    });
    this.detachers.push(off);
    return off;
  }

  /** Pushes an alert to every enabled channel that takes its kind. */
  dispatch(e: AlertEvent): void {
    for (const c of this.channels.values()) {
      if (c.config.enabled && c.problem === undefined && c.events.has(e.type as AlertEventKind)) c.outbox.push(e);
    }
  }

  /** Resolves once every channel has sent or given up on what it holds (tests, shutdown). */
  async flush(): Promise<void> {
    for (const c of this.channels.values()) await c.outbox.idle();
  }

  close(): void {
    for (const off of this.detachers.splice(0)) off();
    for (const c of this.channels.values()) c.outbox.close();
  }

  // ---- inside ------------------------------------------------------------------------------------------------------

  private makeChannel(config: StoredChannel): Channel {
    const state: ChannelState = { config, target: undefined, problem: undefined, events: new Set(config.events) };
    return Object.assign(state, { outbox: this.makeOutbox(state) });
  }

  /** A channel's queue; the vendor is fixed, so a channel whose kind changes gets a new one. */
  private makeOutbox(channel: ChannelState): Outbox {
    return new Outbox({
      vendor: VENDORS[channel.config.kind],
      target: () => channel.target,
      lang: () => channel.config.lang,
      fetch: this.fetchFn,
      now: this.now,
      sleep: this.sleep,
      onFailure: (message, alerts) => {
        const kind = ALERT_CHANNEL_LABELS[channel.config.kind].zh;
        this.opts.log('warn', ALERT_LOG_SOURCE, `告警发送失败（${kind}「${channel.config.name}」，${alerts} 条）：${message}`);
      },
    });
  }

  private readTarget(channel: Channel): void {
    try {
      const url = this.store.readUrl(channel.config.id);
      if (url === undefined) {
        channel.problem = '未保存 Webhook 地址，请重新填写 (no webhook URL kept: enter it again)';
        return;
      }
      channel.target = { url, secret: this.store.readSecret(channel.config.id) };
    } catch (e) {
      channel.problem = `${(e as Error).message}`;
    }
  }

  private summary(c: Channel): AlertChannelSummary {
    return {
      id: c.config.id,
      kind: c.config.kind,
      name: c.config.name,
      url: c.target !== undefined ? maskWebhookUrl(c.target.url) : '',
      hasSecret: c.target?.secret !== undefined,
      events: c.config.events,
      enabled: c.config.enabled,
      lang: c.config.lang,
      stats: c.outbox.snapshot(),
      ...(c.problem !== undefined ? { problem: c.problem } : {}),
    };
  }

  private newId(taken: ReadonlyMap<string, unknown>): string {
    for (;;) {
      const id = crypto.randomUUID().slice(0, 8);
      if (!taken.has(id) && !this.channels.has(id)) return id;
    }
  }

  private refreshWanted(): void {
    const wanted = new Set<AlertEventKind>();
    for (const c of this.channels.values()) if (c.config.enabled && c.problem === undefined) for (const e of c.events) wanted.add(e);
    this.wanted = wanted;
  }
}
