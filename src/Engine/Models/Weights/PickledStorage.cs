using static TorchSharp.torch;

namespace HndGate.Engine.Models.Weights;

/// <summary>A storage a checkpoint refers to by persistent id: its key (its record in the file), element type and length.</summary>
internal sealed record PickledStorage(string Key, ScalarType ElementType, long ElementCount);
