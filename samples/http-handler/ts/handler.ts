// The HTTP-handler contract sample (TypeScript): the same routes as the node, py, rb and cs samples.
import faas from 'faas';

interface Ctx { executionId: string; functionId: string; functionName: string; version: string; trigger: string; startedAt: number; baseUrl: string }
interface HttpEvent {
  method: string; path: string; relativePath: string; body: string; isBase64Encoded: boolean;
  query: Record<string, string>; multiQuery: Record<string, string[]>; headers: Record<string, string>;
}

export function handler(ctx: Ctx, event: HttpEvent): unknown {
  switch (event.relativePath) {
    case '/json':
      return {
        statusCode: 201,
        headers: { 'X-Custom': 'yes' },
        body: {
          method: event.method, path: event.path, relativePath: event.relativePath,
          name: event.query.name, tags: event.multiQuery.tag || [], header: event.headers['x-test'],
          executionId: ctx.executionId, functionId: ctx.functionId, functionName: ctx.functionName,
          version: ctx.version, trigger: ctx.trigger, startedAt: ctx.startedAt, baseUrl: ctx.baseUrl,
        },
      };
    case '/text':
      return { body: 'hello ' + (event.query.name || 'world') };
    case '/html':
      return { headers: { 'Content-Type': 'text/html' }, body: '<b>hi</b>' };
    case '/binary':
      return { isBase64Encoded: true, body: 'AAEC/w==' };
    case '/echo':
      return { body: { method: event.method, body: event.body, isBase64Encoded: event.isBase64Encoded } };
    case '/status':
      return { statusCode: 418, body: 'teapot' };
    case '/throw':
      throw new Error('handler exploded');
    case '/log':
      faas.log.info('handler logged');
      console.log('handler printed');
      return { body: 'logged' };
    case '/bad':
      return 42;
    default:
      return { statusCode: 404, body: { error: 'no route ' + event.relativePath } };
  }
}
