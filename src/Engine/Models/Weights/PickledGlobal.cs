namespace HndGate.Engine.Models.Weights;

/// <summary>One of the few globals a state_dict pickle may name (the allow-list of <see cref="RestrictedUnpickler"/>).</summary>
internal sealed record PickledGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";
}
