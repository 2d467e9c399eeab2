import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('reports the database as up, and which kind it is', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: {
        kind: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
        ok: true,
        latencyMs: expect.any(Number),
      },
    });
    expect(t.database.kind).toBe(process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
  });
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every API route with its method', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { responses?: object }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('imtahan API');

    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const routes = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    for (const route of routes) {
      const [method, url] = route.split(' ') as [string, string];
      const operation = doc.paths[url.replace(/:(\w+)/g, '{$1}')]![method.toLowerCase()]!;
      // Every operation documents its success response, so clients know the shape they get.
      expect(
        Object.keys(operation.responses ?? {}).filter((status) => /^2\d\d$/.test(status)),
        route,
      ).toHaveLength(1);
    }
  });

  it('serves the documentation page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/swagger/i);
  });
});
