using HndGate.Engine.Models.Weights;
using static TorchSharp.torch;

namespace HndGate.Engine.Models;

/// <summary>A network ready to run, and what loading its weights did (null: seeded random weights, no file).</summary>
public sealed record LoadedModel(nn.Module<Tensor, Tensor> Module, WeightLoadReport? Weights);
