package workloads

// The BERT-base encoder layer's sizes (Devlin et al., "BERT: Pre-training
// of Deep Bidirectional Transformers for Language Understanding", 2019,
// §3: L = 12, H = 768, A = 12, feed-forward 4H), at sequence length 128.
const (
	bertSeqLen = 128  // tokens per sequence
	bertHidden = 768  // hidden size H (elements per token)
	bertHeads  = 12   // attention heads A
	bertFFN    = 3072 // feed-forward inner size 4H
)

// BERTBase returns one BERT-base encoder layer at sequence length 128, laid
// out as HuggingFace transformers' BertLayer (BertSelfAttention,
// BertSelfOutput, BertIntermediate, BertOutput), at the given batch size
// (sequences). The batch multiplies M of the projections and Count of the
// per-head attention products.
//
// Layers and their HuggingFace modules: query, key, value
// (attention.self.{query,key,value}); scores = Q·Kᵀ per head and context =
// softmax(scores)·V per head (inside BertSelfAttention); softmax; attn_out
// (attention.output.dense), attn_add and attn_norm (its residual add and
// LayerNorm); ffn1 (intermediate.dense), ffn2 (output.dense), ffn_add and
// ffn_norm (output's residual add and LayerNorm). The 1/√d scaling, GELU
// and dropout are elementwise or inference no-ops and are not listed.
func BERTBase(batch int) Network {
	const headDim = bertHidden / bertHeads
	b := newBuilder(batch)
	for _, name := range []string{"query", "key", "value"} {
		b.fc(name, bertSeqLen, bertHidden, bertHidden)
	}
	b.matmul("scores", bertSeqLen, headDim, bertSeqLen, bertHeads)
	b.nonArray("softmax", KindSoftmax, bertHeads*bertSeqLen*bertSeqLen)
	b.matmul("context", bertSeqLen, bertSeqLen, headDim, bertHeads)
	b.fc("attn_out", bertSeqLen, bertHidden, bertHidden)
	b.nonArray("attn_add", KindAdd, bertSeqLen*bertHidden)
	b.nonArray("attn_norm", KindNorm, bertSeqLen*bertHidden)
	b.fc("ffn1", bertSeqLen, bertHidden, bertFFN)
	b.fc("ffn2", bertSeqLen, bertFFN, bertHidden)
	b.nonArray("ffn_add", KindAdd, bertSeqLen*bertHidden)
	b.nonArray("ffn_norm", KindNorm, bertSeqLen*bertHidden)
	return b.network("bert-base", "one BERT-base encoder layer (HuggingFace BertLayer; Devlin et al. 2019), sequence length 128")
}
