using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Dissection.Sharding;

/// <summary>A small hand-made plan: 2 concepts, 3 local images, one family of 3 subgroups (θ = 1.2/3), one layer.</summary>
internal static class TinyPlan
{
    public const int Units = 2;

    public static DissectionPlan Make(IReadOnlyList<IReadOnlyList<int>>? localConcepts = null) => new(
        new DissectionFingerprint("1.2.3", "sha256:model", "resnet18", "sha256:dictionary", "cpu", [new("quantile", "0.005"), new("layers", "layer3")]),
        new DissectionSettings(0.005, 0.04, 32, 64, [new("age", 1.2 / 3)]),
        new DissectionConcepts(
            [new Concept("eye_open", ConceptType.Attribute, "eye"), new Concept("smile", ConceptType.ActionUnit, "mouth")],
            localConcepts ?? [[0], [0, 1], []],
            [new GlobalFamilyLayout("age", 1.2 / 3, ["young", "adult", "old"], [1, 0, 2])]),
        ["local/a.png", "local/b.png", "local/c.png"],
        [new LayerPlan("layer3", new MapShape(Units, 1, 1), 1)]);
}
