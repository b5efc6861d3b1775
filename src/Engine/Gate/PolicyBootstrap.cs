namespace HndGate.Engine.Gate;

/// <summary>The policy's bootstrap (docs/bootstrap.md): what --bootstrap and --seed default to.</summary>
/// <param name="Replicates">B, at least 2.</param>
/// <param name="Seed">The seed of the replicates; null: the command line's default.</param>
public sealed record PolicyBootstrap(int Replicates, long? Seed);
