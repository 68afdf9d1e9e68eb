// A multi-bot browser extension in plain JavaScript: each bot talks to a chat service's own web API
// over server-sent events (sse.js) or a websocket. Modelled on multi-bot chat clients.
import { SSE } from 'sse.js';
import WebSocket from 'ws';
import WebSocketAsPromised from 'websocket-as-promised';

export class ClaudeWebBot {
  constructor(organization) {
    this.organization = organization;
  }

  sendPrompt(conversationId, prompt, onUpdate) {
    const url = `https://claude.ai/api/organizations/${this.organization}/chat_conversations/${conversationId}/completion`;
    const payload = JSON.stringify({ prompt, timezone: 'UTC' });
    return new Promise((resolve, reject) => {
      const source = new SSE(url, { headers: { 'Content-Type': 'application/json' }, payload, withCredentials: true });
      let answer = '';
      source.addEventListener('completion', event => {
        try {
          const { completion } = JSON.parse(event.data);
          answer += completion;
          onUpdate({ text: answer, done: false });
        } catch (error) {
          console.error('cannot parse completion event', event); // expect: no-model-output-logging
          reject(error);
        }
      });
      source.addEventListener('readystatechange', event => {
        if (event.readyState === 2) {
          console.log('stream closed, characters received:', answer.length);
          resolve(answer);
        }
      });
      source.addEventListener('error', error => {
        console.error('claude stream failed', error);
        reject(error);
      });
      source.stream();
    });
  }
}

export class BingBot {
  constructor(options) {
    this.debug = options.debug;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket('wss://sydney.bing.com/sydney/ChatHub');
      ws.on('open', () => {
        console.log('bing socket open');
        ws.send('{"protocol":"json","version":1}\x1e');
      });
      ws.on('close', code => console.log('bing socket closed', code));
      ws.on('error', error => reject(error));
      ws.on('message', data => {
        const frames = data.toString().split('\x1e').filter(Boolean).map(part => JSON.parse(part));
        for (const frame of frames) {
          if (frame.item?.result?.error) {
            console.warn('bing turn failed', frame.item.result.value, frame.item.result.message);
            continue;
          }
          if (this.debug) {
            console.debug('bing frame', frame); // expect: no-model-output-logging
          }
        }
        resolve(ws);
      });
    });
  }
}

export class PerplexityLabsBot {
  async connect(sessionId) {
    const wsp = new WebSocketAsPromised(`wss://labs-api.perplexity.ai/socket.io/?EIO=4&transport=websocket&sid=${sessionId}`);
    const onFrame = data => {
      console.debug('pplx frame', data); // expect: no-model-output-logging
    };
    wsp.onMessage.addListener(onFrame);
    wsp.onSend.addListener(data => console.debug('pplx sent', data)); // expect: no-prompt-logging
    await wsp.open();
    return wsp;
  }
}

// Look-alike: a websocket to the extension's own update feed.
export function followReleaseFeed(onRelease) {
  const ws = new WebSocket('wss://updates.example.com/releases');
  ws.on('message', data => {
    console.log('release feed', data.toString());
    onRelease(JSON.parse(data.toString()));
  });
  return ws;
}
