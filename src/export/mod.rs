//! Writing alignments for other tools: jsonl, tsv and TMX.
