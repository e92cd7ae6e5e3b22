// A stand-in Tessera for the gateway's unit tests: a JWKS, a stubbed decision endpoint, and token minting.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { type GatewayOptions, tesseraExpress, tesseraFastify } from '@tessera/gateway';

type SigningKey = {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JWK;
};

async function signingKey(kid = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

export interface MintOptions {
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  /** Sign with this key instead of the published one. */
  key?: SigningKey;
  /** Use this kid in the header (with the key above: a forged header). */
  kid?: string;
  typ?: string;
  sub?: string;
  scope?: string;
  clientId?: string;
}

export interface CheckQuestion {
  user: string;
  permission: string;
  resource: { type: string; id: string };
  authorization: string | undefined;
}

export interface FakeTessera {
  readonly url: string;
  /** Answers `/v1/check`: allowed when this returns true. Replace it per test. */
  decide: (question: CheckQuestion) => boolean | number;
  readonly checks: CheckQuestion[];
  /** How many times the JWKS was fetched. */
  jwksFetches: number;
  mint(options?: MintOptions): Promise<string>;
  /** A key that signs but is not published. */
  stranger(): Promise<SigningKey>;
  /** Publishes a new key and signs with it from now on (the old one stays published). */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

export const SERVICE_TOKEN = 'service-token-of-the-gateway';

export async function startFakeTessera(): Promise<FakeTessera> {
  const keys: SigningKey[] = [await signingKey()];
  const checks: CheckQuestion[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/oauth2/jwks') {
        fake.jwksFetches++;
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
        return;
      }
      if (request.method === 'POST' && request.url === '/v1/check') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<CheckQuestion, 'authorization'>;
        const question = { ...body, authorization: request.headers.authorization };
        checks.push(question);
        const answer = fake.decide(question);
        if (typeof answer === 'number') {
          response
            .writeHead(answer, { 'content-type': 'application/problem+json' })
            .end(JSON.stringify({ type: 'https://tessera.dev/problems/forbidden', status: answer }));
          return;
        }
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ allowed: answer, revision: 7 }));
        return;
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeTessera = {
    url,
    decide: () => false,
    checks,
    jwksFetches: 0,
    async mint(options = {}) {
      const key = options.key ?? keys[keys.length - 1]!;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ client_id: options.clientId ?? 'client-1', scope: options.scope ?? '' })
        .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? key.kid, typ: options.typ ?? 'at+jwt' })
        .setIssuer(options.issuer ?? url)
        .setAudience(options.audience ?? 'tessera')
        .setSubject(options.sub ?? 'user-1')
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresIn ?? 900))
        .setJti(randomUUID())
        .sign(key.privateKey);
    },
    stranger: () => signingKey(),
    async rotate() {
      keys.push(await signingKey());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/** One sample application under test, whichever the framework. */
export interface SampleApp {
  readonly url: string;
  close(): Promise<void>;
}

export type Framework = 'Fastify' | 'Express';
export const FRAMEWORKS: readonly Framework[] = ['Fastify', 'Express'];

/**
 * The same routes on both frameworks:
 * - GET /me: any valid token; answers the verified claims
 * - POST /apis: scope apim:api_create
 * - POST /apis/:api/publish: permission api:publish at the API
 * - GET /apis/:api: scope apim:api_view and permission api:view at the API
 */
export async function startSampleApp(framework: Framework, options: GatewayOptions): Promise<SampleApp> {
  if (framework === 'Fastify') {
    const app: FastifyInstance = Fastify();
    const gateway = tesseraFastify(options);
    await app.register(gateway);
    app.get('/me', { preHandler: gateway.authenticate }, async (request) => ({ tessera: request.tessera }));
    app.post('/apis', { preHandler: gateway.requireScopes('apim:api_create') }, async (request, reply) =>
      reply.code(201).send({ createdBy: request.tessera!.user }),
    );
    app.post<{ Params: { api: string } }>(
      '/apis/:api/publish',
      { preHandler: gateway.requirePermission('api:publish', (request) => ({ type: 'api', id: request.params.api })) },
      async (request) => ({ published: request.params.api, by: request.tessera!.user }),
    );
    app.get<{ Params: { api: string } }>(
      '/apis/:api',
      {
        preHandler: [
          gateway.requireScopes('apim:api_view'),
          gateway.requirePermission('api:view', (request) => ({ type: 'api', id: request.params.api })),
        ],
      },
      async (request) => ({ api: request.params.api }),
    );
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url: address, close: () => app.close() };
  }
  const app = express();
  const gateway = tesseraExpress(options);
  app.get('/me', gateway.authenticate, (req, res) => {
    res.json({ tessera: req.tessera });
  });
  app.post('/apis', gateway.requireScopes('apim:api_create'), (req, res) => {
    res.status(201).json({ createdBy: req.tessera!.user });
  });
  app.post(
    '/apis/:api/publish',
    gateway.requirePermission('api:publish', (req) => ({ type: 'api', id: String(req.params.api) })),
    (req, res) => {
      res.json({ published: req.params.api, by: req.tessera!.user });
    },
  );
  app.get(
    '/apis/:api',
    gateway.requireScopes('apim:api_view'),
    gateway.requirePermission('api:view', (req) => ({ type: 'api', id: String(req.params.api) })),
    (req, res) => {
      res.json({ api: req.params.api });
    },
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Answer {
  status: number;
  contentType: string;
  headers: Headers;
  body: any;
}

export async function call(
  url: string,
  method: string,
  token?: string | null,
  authorization?: string,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  else if (token !== undefined && token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method, headers });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    headers: response.headers,
    body: contentType.includes('json') && text !== '' ? JSON.parse(text) : text,
  };
}

/** Asserts an RFC 9457 refusal with the gateway's stable type and the RFC 6750 challenge. */
export function assertRefused(answer: Answer, status: 401 | 403, error?: 'invalid_token' | 'insufficient_scope'): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.contentType, /^application\/problem\+json/);
  assert.equal(answer.body.type, `https://tessera.dev/problems/${status === 401 ? 'unauthorized' : 'forbidden'}`);
  assert.equal(answer.body.status, status);
  assert.equal(typeof answer.body.title, 'string');
  assert.equal(typeof answer.body.detail, 'string');
  const challenge = answer.headers.get('www-authenticate') ?? '';
  assert.match(challenge, /^Bearer realm="tessera"/);
  if (error === undefined) assert.doesNotMatch(challenge, /error=/);
  else assert.match(challenge, new RegExp(`error="${error}"`));
}
