namespace HndGate.Engine.Gate;

/// <summary>A policy file (schemas/policy.schema.json, docs/policy.md) as <see cref="PolicyReader"/> read and checked it.</summary>
/// <param name="File">The policy file as messages and annotations name it.</param>
/// <param name="Bootstrap">The policy's bootstrap; null when it sets none.</param>
/// <param name="Rules">In file order.</param>
/// <param name="Waivers">In file order; each names a rule of <see cref="Rules"/>.</param>
public sealed record Policy(
    string File,
    PolicyStages Stages,
    PolicyBootstrap? Bootstrap,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<PolicyWaiver> Waivers);
