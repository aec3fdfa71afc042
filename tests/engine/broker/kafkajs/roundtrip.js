// kafkajs against the embedded broker: an idempotent producer sends keyed records (one batch
// gzip-compressed), then a consumer group reads them back. Prints one JSON line; exits 0 only
// when every record came back exactly once.
//   node roundtrip.js HOST:PORT TOPIC GROUP COUNT
'use strict';
const { Kafka, CompressionTypes, logLevel } = require('kafkajs');

const [bootstrap, topic, group, countText] = process.argv.slice(2);
const count = Number(countText || 1000);

async function main() {
  const kafka = new Kafka({ clientId: 'tributary-kafkajs-test', brokers: [bootstrap], logLevel: logLevel.WARN });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const batch = 100;
  for (let first = 0; first < count; first += batch) {
    const messages = [];
    for (let i = first; i < Math.min(count, first + batch); i++) {
      messages.push({ key: `key-${i % 7}`, value: `kafkajs record ${i}`, headers: { n: String(i) } });
    }
    await producer.send({
      topic,
      acks: -1,
      compression: first === 0 ? CompressionTypes.GZIP : CompressionTypes.None,
      messages,
    });
  }
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Map();
  let headersOk = true;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out with ${seen.size} of ${count} records`)), 30000);
    consumer
      .run({
        eachMessage: async ({ message }) => {
          const value = message.value.toString();
          seen.set(value, (seen.get(value) || 0) + 1);
          const n = value.split(' ').pop();
          if (!message.headers.n || message.headers.n.toString() !== n) headersOk = false;
          if (seen.size === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  let duplicates = 0;
  for (const n of seen.values()) if (n > 1) duplicates++;
  let missing = 0;
  for (let i = 0; i < count; i++) if (!seen.has(`kafkajs record ${i}`)) missing++;
  const result = { produced: count, consumed: seen.size, duplicates, missing, headersOk };
  console.log(JSON.stringify(result));
  process.exit(duplicates === 0 && missing === 0 && headersOk ? 0 : 1);
}

main().catch((e) => {
  console.log(JSON.stringify({ error: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
});
