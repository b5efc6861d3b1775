namespace HndGate.Engine.Dissection;

/// <summary>A layer as a run plans it: its name, its map shape and R2's k over the whole local set.</summary>
/// <param name="TopCount">k of R2 for all N local images, the same in every shard.</param>
public sealed record LayerPlan(string Name, MapShape Shape, long TopCount);
