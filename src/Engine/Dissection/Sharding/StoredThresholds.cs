namespace HndGate.Engine.Dissection.Sharding;

/// <summary>A phase-1 state or merged thresholds read back from its folder. Owns the state.</summary>
/// <param name="Folder">The folder as the user named it.</param>
/// <param name="Hash">"sha256:…" of the folder's files: what a tally records to say which thresholds it used.</param>
public sealed record StoredThresholds(string Folder, ShardManifest Manifest, ThresholdState State, string Hash) : IDisposable
{
    public void Dispose() => State.Dispose();
}
