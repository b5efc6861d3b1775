namespace HndGate.Tool.Tests;

/// <summary>Tests that touch LibTorch's native state run one at a time.</summary>
[CollectionDefinition("Torch", DisableParallelization = true)]
public sealed class TorchCollection;
