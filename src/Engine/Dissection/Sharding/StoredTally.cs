namespace HndGate.Engine.Dissection.Sharding;

/// <summary>A shard's phase-2 tally read back from its folder: R3's counts of each layer over its local images.</summary>
/// <param name="Folder">The folder as the user named it.</param>
public sealed record StoredTally(string Folder, ShardManifest Manifest, IReadOnlyList<IouCounts> Counts);
