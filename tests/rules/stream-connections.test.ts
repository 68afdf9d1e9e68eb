import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Streaming connections opened to a chat service: an sse.js source (`new SSE(url, { payload })`), an
// EventSource, a websocket (`ws`, the DOM's, websocket-as-promised). Opened with the URL of an LLM
// endpoint, their message events carry the answer and the frames they send carry the prompt. The
// same classes opened to any other URL, their lifecycle events, and the error details of a frame
// stay quiet.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

ruleTester.run('no-model-output-logging: streaming connections', outputRule, {
  valid: [
    // A websocket to a service that is no LLM.
    {
      code: `import WebSocket from 'ws';
export function follow(onTick) {
  const ws = new WebSocket('wss://stream.example.com/prices');
  ws.on('message', data => {
    console.log('tick', data.toString());
    onTick(data);
  });
}
`,
      filename: js,
    },
    // Lifecycle and error events of a connection to an LLM carry no answer.
    {
      code: `import WebSocket from 'ws';
export function connect() {
  const ws = new WebSocket('wss://sydney.bing.com/sydney/ChatHub');
  ws.on('open', () => console.log('connected'));
  ws.on('close', (code, reason) => console.log('closed', code, reason));
  ws.on('error', error => console.error('socket failed', error));
  return ws;
}
`,
      filename: js,
    },
    // The error details of a frame: the branch that tested the frame's error, and the error field itself.
    {
      code: `import WebSocket from 'ws';
export function connect(onText) {
  const ws = new WebSocket('wss://sydney.bing.com/sydney/ChatHub');
  ws.on('message', data => {
    const event = JSON.parse(data.toString());
    if (event.item?.result?.error) {
      console.debug(event.item.result.value, event.item.result.message);
      return;
    }
    console.warn(event.error);
    onText(event.arguments?.[0]?.messages?.[0]?.text);
  });
}
`,
      filename: js,
    },
    // The browser's EventSource on the app's own notification feed.
    `export function listen(): EventSource {
  const source = new EventSource('/api/notifications');
  source.addEventListener('message', event => console.log('notification', event.data));
  return source;
}
`,
    // The app's own class that happens to be called SSE is not sse.js.
    `class SSE {
  constructor(readonly url: string) {}
  addEventListener(_type: string, listener: (event: { data: string }) => void): void {
    listener({ data: this.url });
  }
}
export function open(): SSE {
  const source = new SSE('https://api.openai.com/v1/chat/completions');
  source.addEventListener('message', event => console.log(event.data));
  return source;
}
`,
  ],
  invalid: [
    // sse.js to the Claude web app: the completion event is printed when it cannot be parsed.
    {
      code: `import { SSE } from 'sse.js';
export function send(org, conversation, prompt, onUpdate) {
  const url = \`https://claude.ai/api/organizations/\${org}/chat_conversations/\${conversation.uuid}/completion\`;
  const source = new SSE(url, { headers: { 'Content-Type': 'application/json' }, payload: JSON.stringify({ prompt }) });
  let text = '';
  source.addEventListener('completion', event => {
    try {
      text += JSON.parse(event.data).completion;
      onUpdate(text);
    } catch (error) {
      console.error(event);
    }
  });
  source.stream();
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 11, column: 21 }],
    },
    // A \`ws\` socket to Bing's ChatHub: every frame is split, parsed and printed in debug mode.
    {
      code: `import WebSocket from 'ws';
export class BingClient {
  connect() {
    return new Promise(resolve => {
      const ws = new WebSocket('wss://sydney.bing.com/sydney/ChatHub', { headers: this.headers });
      ws.on('message', data => {
        const messages = data.toString().split('\\x1e').map(part => JSON.parse(part)).filter(message => message);
        if (this.debug) {
          console.debug(JSON.stringify(messages));
        }
        resolve(ws);
      });
    });
  }
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 9, column: 25 }],
    },
    // The DOM's WebSocket to Perplexity's socket (the path is written before the query); the listener
    // is declared first and passed by reference, and the report is where it prints.
    {
      code: `export function ask(sessionId: string, onAnswer: (text: string) => void): WebSocket {
  const socket = new WebSocket(\`wss://www.perplexity.ai/socket.io/?EIO=4&transport=websocket&sid=\${sessionId}\`);
  const listener = (event: MessageEvent<string>) => {
    console.debug('pplx frame', event.data);
    onAnswer(event.data);
  };
  socket.addEventListener('message', listener);
  return socket;
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 33 }],
    },
    // websocket-as-promised, whose channels deliver the unpacked frames.
    {
      code: `import WebSocketAsPromised from 'websocket-as-promised';
export async function chat(signature) {
  const wsp = new WebSocketAsPromised(\`wss://sydney.bing.com/sydney/ChatHub?sec_access_token=\${signature}\`);
  wsp.onUnpackedMessage.addListener(events => {
    for (const event of events) console.debug('bing ws event', event);
  });
  await wsp.open();
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 5, column: 64 }],
    },
  ],
});

ruleTester.run('no-prompt-logging: streaming connections', promptRule, {
  valid: [
    // The frames a socket to another service sends.
    {
      code: `import WebSocketAsPromised from 'websocket-as-promised';
export async function subscribe(channel) {
  const wsp = new WebSocketAsPromised('wss://stream.example.com/updates');
  wsp.onSend.addListener(data => console.log('sent', data));
  await wsp.open();
  wsp.send(JSON.stringify({ subscribe: channel }));
}
`,
      filename: js,
    },
  ],
  invalid: [
    // The frames sent over a socket to Perplexity: the packed question.
    {
      code: `import WebSocketAsPromised from 'websocket-as-promised';
export async function ask(sid, question) {
  const wsp = new WebSocketAsPromised(\`wss://www.perplexity.ai/socket.io/?EIO=4&transport=polling&sid=\${sid}\`);
  wsp.onSend.addListener(data => console.log('sent', data));
  await wsp.open();
  wsp.send(JSON.stringify(['perplexity_ask', question]));
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 4, column: 54 }],
    },
    // The payload an sse.js source is opened with holds the prompt.
    {
      code: `import { SSE } from 'sse.js';
export function send(contextId, prompt) {
  const payload = JSON.stringify({ prompt, context_id: contextId });
  console.log('sending', payload);
  return new SSE('https://chatglm.cn/chatglm/backend-api/v1/stream', { payload });
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 4, column: 26 }],
    },
  ],
});

ruleTester.run('no-plaintext-prompt-storage: streaming connections', storageRule, {
  valid: [],
  invalid: [
    // The reply a ChatHub socket delivered, kept in the conversation cache.
    {
      code: `import WebSocket from 'ws';
import Keyv from 'keyv';
export class BingClient {
  constructor() { this.cache = new Keyv(); }
  async send(key, conversation) {
    const reply = await new Promise(resolve => {
      const ws = new WebSocket('wss://sydney.bing.com/sydney/ChatHub');
      ws.on('message', data => resolve(JSON.parse(data.toString()).item.messages[1]));
    });
    conversation.messages.push({ role: 'Bing', message: reply.text });
    await this.cache.set(key, conversation);
  }
}
`,
      filename: js,
      errors: [{ messageId: 'promptStored', line: 11, column: 31 }],
    },
  ],
});
