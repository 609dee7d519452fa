/** Builders of Slack payloads; each takes overrides so a test states only what matters to it. */

let seq = 0;
const next = () => ++seq;

export function slashCommand(o: { text?: string; user_id?: string; channel_id?: string; response_url?: string } = {}): { form: Record<string, string> } {
  return {
    form: {
      token: 'legacy-verification-token',
      team_id: 'T1',
      team_domain: 'test',
      channel_id: o.channel_id ?? 'C1',
      channel_name: 'general',
      user_id: o.user_id ?? 'U1',
      user_name: 'alice',
      command: '/plan',
      text: o.text ?? 'help',
      api_app_id: 'A1',
      response_url: o.response_url ?? 'http://127.0.0.1:9/response/none',
      trigger_id: `trigger.${next()}`,
    },
  };
}

export function eventCallback(event: Record<string, unknown>, o: { event_id?: string } = {}): { json: unknown } {
  return {
    json: {
      token: 'legacy-verification-token',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: o.event_id ?? `Ev${next()}`,
      event_time: 1_623_722_400,
      authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
      event,
    },
  };
}

export function appMention(o: { text?: string; user?: string; channel?: string; ts?: string; thread_ts?: string } = {}): Record<string, unknown> {
  return { type: 'app_mention', user: o.user ?? 'U1', text: o.text ?? '<@UBOT> help', ts: o.ts ?? '1623722400.000100', channel: o.channel ?? 'C1', event_ts: o.ts ?? '1623722400.000100', ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}) };
}

export function directMessage(o: { text?: string; user?: string; channel?: string; ts?: string; subtype?: string; bot_id?: string } = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel_type: 'im',
    user: o.user ?? 'U1',
    text: o.text ?? 'help',
    ts: o.ts ?? '1623722500.000100',
    event_ts: o.ts ?? '1623722500.000100',
    channel: o.channel ?? 'D1',
    ...(o.subtype ? { subtype: o.subtype } : {}),
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
  };
}

export function blockAction(o: { action_id: string; value: string; user?: string; response_url?: string | null; channel?: string | null }): { form: Record<string, string> } {
  const channel = o.channel === undefined ? 'C1' : o.channel;
  const payload = {
    type: 'block_actions',
    user: { id: o.user ?? 'U1', username: 'alice', name: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: channel ? { type: 'message', message_ts: '1623722600.000100', channel_id: channel, is_ephemeral: false } : { type: 'view', view_id: 'VHOME' },
    trigger_id: `trigger.${next()}`,
    team: { id: 'T1', domain: 'test' },
    ...(channel ? { channel: { id: channel, name: 'general' } } : {}),
    ...(o.response_url ? { response_url: o.response_url } : {}),
    actions: [{ type: 'button', action_id: o.action_id, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: o.value, action_ts: '1623722601.000100' }],
  };
  return { form: { payload: JSON.stringify(payload) } };
}

export function viewSubmission(o: { metadata: unknown; status?: string | null; progress?: string | null; note?: string | null; user?: string }): { form: Record<string, string> } {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'test' },
    user: { id: o.user ?? 'U1', username: 'alice', name: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trigger.${next()}`,
    view: {
      id: 'VMODAL',
      team_id: 'T1',
      type: 'modal',
      callback_id: 'plan_update',
      private_metadata: JSON.stringify(o.metadata),
      blocks: [],
      state: {
        values: {
          status: { value: { type: 'static_select', selected_option: o.status ? { text: { type: 'plain_text', text: o.status }, value: o.status } : null } },
          progress: { value: { type: 'plain_text_input', value: o.progress ?? null } },
          note: { value: { type: 'plain_text_input', value: o.note ?? null } },
        },
      },
      hash: 'h',
      app_id: 'A1',
      bot_id: 'BBOT',
    },
    response_urls: [],
  };
  return { form: { payload: JSON.stringify(payload) } };
}
