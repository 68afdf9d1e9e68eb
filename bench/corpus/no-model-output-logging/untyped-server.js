// An untyped JavaScript server calling an OpenAI-compatible API, with a debug option and a
// conversation cache. Modelled on Node chat servers.
import Keyv from 'keyv';

const conversations = new Keyv({ namespace: 'conversations' });

export class ChatClient {
  constructor(options) {
    this.options = options;
    if (options.reverseProxyUrl) {
      this.completionsUrl = options.reverseProxyUrl;
    } else {
      this.completionsUrl = 'https://api.openai.com/v1/chat/completions';
    }
  }

  async getCompletion(messages) {
    const body = { model: this.options.model, messages };
    if (this.options.debug) {
      console.debug(body); // expect: no-prompt-logging
      console.debug('messages', messages.length);
    }
    const response = await fetch(this.completionsUrl, { method: 'POST', body: JSON.stringify(body) });
    const result = await response.json();
    if (this.options.debug) {
      console.debug(JSON.stringify(result)); // expect: no-model-output-logging
      console.debug('usage', result.usage);
    }
    return result.choices[0].message.content;
  }

  async sendMessage(conversationId, text) {
    const conversation = (await conversations.get(conversationId)) ?? { messages: [] };
    conversation.messages.push({ role: 'user', content: text });
    const reply = await this.getCompletion(conversation.messages);
    conversation.messages.push({ role: 'assistant', content: reply });
    await conversations.set(conversationId, conversation); // expect: no-plaintext-prompt-storage
    console.log('reply chars', reply.length, 'turns', conversation.messages.length);
    return reply;
  }
}
