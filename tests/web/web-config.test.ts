import { describe, expect, it } from 'vitest';
import { localAdminPlatforms } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';

describe('web chat sign-in configuration', () => {
  it.each([
    [{}, 'local'],
    [{ HOST: 'localhost' }, 'local'],
    [{ HOST: '0.0.0.0' }, 'invite'],
    [{ HOST: '192.168.1.20' }, 'invite'],
    [{ HOST: '127.0.0.1', PLANBOT_WEB_AUTH: 'invite' }, 'invite'],
    [{ HOST: '127.0.0.1', PLANBOT_WEB_AUTH: 'proxy', PLANBOT_TRUSTED_PROXIES: '127.0.0.1' }, 'proxy'],
    [{ HOST: '0.0.0.0', PLANBOT_WEB_AUTH: '' }, 'invite'],
  ])('%j signs in by %s', (env, mode) => {
    expect(loadConfig(env).web.auth).toBe(mode);
  });

  it('reads the proxy header, trusted addresses, public address and secret', () => {
    const web = loadConfig({ PLANBOT_WEB_AUTH: 'proxy', PLANBOT_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1', PLANBOT_WEB_AUTH_HEADER: 'X-Remote-User', PLANBOT_WEB_URL: 'https://plan.example.org/', PLANBOT_WEB_SECRET: 'x'.repeat(32) }).web;
    expect(web).toEqual({ auth: 'proxy', authHeader: 'x-remote-user', trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1'], publicUrl: 'https://plan.example.org/', secret: 'x'.repeat(32) });
    expect(loadConfig({}).web).toMatchObject({ authHeader: 'x-forwarded-user', trustedProxies: [], secret: undefined, publicUrl: undefined });
  });

  it.each([
    [{ PLANBOT_WEB_AUTH: 'proxy' }, /PLANBOT_TRUSTED_PROXIES.*reverse proxy/],
    [{ PLANBOT_WEB_AUTH: 'open' }, /PLANBOT_WEB_AUTH/],
    [{ PLANBOT_TRUSTED_PROXIES: 'proxy.local' }, /PLANBOT_TRUSTED_PROXIES: must be comma-separated IP addresses/],
    [{ PLANBOT_TRUSTED_PROXIES: '10.0.0.0/33' }, /PLANBOT_TRUSTED_PROXIES/],
    [{ PLANBOT_WEB_SECRET: 'short' }, /PLANBOT_WEB_SECRET: must be at least 32/],
    [{ PLANBOT_WEB_URL: 'plan.example.org' }, /PLANBOT_WEB_URL/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('makes the web chat user an admin only when it is local and PLANBOT_ADMINS is empty', () => {
    expect(localAdminPlatforms(loadConfig({}))).toContain('web');
    expect(localAdminPlatforms(loadConfig({ HOST: '0.0.0.0' }))).not.toContain('web');
    expect(localAdminPlatforms(loadConfig({ PLANBOT_WEB_AUTH: 'proxy', PLANBOT_TRUSTED_PROXIES: '127.0.0.1' }))).not.toContain('web');
    expect(localAdminPlatforms(loadConfig({ PLANBOT_ADMINS: 'web:alice' }))).toEqual([]);
  });
});
