namespace HndGate.Engine.Dissection;

/// <summary>How a run's activation cache was laid out: what stays on its device and what spills to a file.</summary>
/// <param name="Placement">The device and budget chosen for it.</param>
/// <param name="KeptBytes">Bytes of float16 activations kept on the device, all layers.</param>
/// <param name="SpilledBytes">Bytes written to memory-mapped files in <paramref name="SpillDirectory"/>.</param>
public sealed record ActivationCacheUse(ActivationCachePlacement Placement, long KeptBytes, long SpilledBytes, string SpillDirectory)
{
    /// <summary>One line for the log, e.g. "activation cache: 1.2 GiB on cuda:0 (budget 5.0 GiB: half of the 10.0 GiB free on cuda:0)".</summary>
    public string Description =>
        $"activation cache: {MemoryBudget.Format(KeptBytes)} {Placement.Where}"
        + (SpilledBytes > 0 ? $", {MemoryBudget.Format(SpilledBytes)} in a memory-mapped file in {SpillDirectory}" : string.Empty)
        + $" (budget {MemoryBudget.Format(Placement.BudgetBytes)}: {Placement.Reason})";
}
