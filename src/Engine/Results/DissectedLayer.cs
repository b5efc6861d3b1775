using HndGate.Engine.Dissection;

namespace HndGate.Engine.Results;

/// <summary>One dissected layer: its name, the size of its maps, and the method's result on it.</summary>
public sealed record DissectedLayer(string Name, int MapHeight, int MapWidth, LayerResult Result);
