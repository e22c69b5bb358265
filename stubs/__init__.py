"""Loopback servers for tests and benchmarks: real HTTP on 127.0.0.1, provider-shaped answers, faults
on demand. `openai` (chat, judges, files, fine-tuning, embeddings), `ollama`, both on `base`."""
