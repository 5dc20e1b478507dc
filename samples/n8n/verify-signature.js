// AiVideo webhook signature check. The same text is the "Verify AiVideo signature" Code node of
// aivideo-publish-webhook.json (a test keeps them equal), and `node` loads it as a module for tests.
//
// AiVideo sends:  X-AiVideo-Timestamp: <unix seconds>
//                 X-AiVideo-Signature: sha256=<lowercase hex HMAC-SHA256(secret, "<timestamp>." + signed bytes)>
//                 Idempotency-Key: <key>
// signed bytes = the raw JSON body (json mode) or the "metadata" part (multipart mode).
// In n8n: set AIVIDEO_WEBHOOK_SECRET in n8n's environment, NODE_FUNCTION_ALLOW_BUILTIN=crypto, and
// N8N_BLOCK_ENV_ACCESS_IN_NODE=false (or paste the secret below instead of reading $env).
const crypto = require('crypto');

const MAX_AGE_SECONDS = 300;

function verifyAiVideoSignature(secret, timestampHeader, signatureHeader, signedBytes, nowSeconds) {
  if (!secret || secret.length < 16) throw new Error('AIVIDEO_WEBHOOK_SECRET is not set (16+ characters)');
  const timestamp = String(timestampHeader || '');
  if (!/^[0-9]{1,12}$/.test(timestamp)) throw new Error('missing or malformed X-AiVideo-Timestamp');
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_AGE_SECONDS) {
    throw new Error('stale X-AiVideo-Timestamp: more than ' + MAX_AGE_SECONDS + ' s from this clock (replay?)');
  }
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(timestamp + '.', 'utf8'), Buffer.from(signedBytes)]))
    .digest('hex'), 'utf8');
  const given = Buffer.from(String(signatureHeader || ''), 'utf8');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new Error('X-AiVideo-Signature does not match: wrong secret or altered body');
  }
  return true;
}

if (typeof $input === 'undefined') {
  module.exports = { verifyAiVideoSignature, MAX_AGE_SECONDS };
} else {
  // n8n Code node ("Run Once for All Items"): one webhook call, one item.
  return (async () => {
    const item = $input.first();
    const headers = item.json.headers || {};
    const multipart = item.json.body && typeof item.json.body.metadata === 'string';
    const signed = multipart
      ? Buffer.from(item.json.body.metadata, 'utf8')
      : await this.helpers.getBinaryDataBuffer(0, 'data');
    verifyAiVideoSignature($env.AIVIDEO_WEBHOOK_SECRET, headers['x-aivideo-timestamp'], headers['x-aivideo-signature'],
      signed, Math.floor(Date.now() / 1000));
    const post = JSON.parse(signed.toString('utf8'));
    if (post.idempotencyKey !== headers['idempotency-key']) throw new Error('Idempotency-Key header does not match the body');
    return [{ json: post, binary: multipart ? item.binary : undefined }];
  })();
}
