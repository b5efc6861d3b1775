namespace HndGate.Engine.Models;

/// <summary>
/// One submodule as a forward pass met it: its dotted name, its type, the shape of its (last) output,
/// and the order in which it first and last finished (steps count every module call; −1: never called).
/// </summary>
public sealed record TracedModule(string Name, string Type, IReadOnlyList<long>? OutputShape, int FirstStep, int LastStep)
{
    /// <summary>Convolutional maps (N × U × h × w) are what dissection needs.</summary>
    public bool Dissectable => OutputShape is { Count: 4 };

    public bool Reached => FirstStep >= 0;
}
