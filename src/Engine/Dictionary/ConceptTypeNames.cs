namespace HndGate.Engine.Dictionary;

/// <summary>The spelling of <see cref="ConceptType"/> in manifests, configs and results (snake_case).</summary>
public static class ConceptTypeNames
{
    public static string ToName(this ConceptType type) => type switch
    {
        ConceptType.ActionUnit => "action_unit",
        ConceptType.Part => "part",
        ConceptType.Attribute => "attribute",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown concept type"),
    };

    public static bool TryParse(string name, out ConceptType type)
    {
        switch (name)
        {
            case "action_unit": type = ConceptType.ActionUnit; return true;
            case "part": type = ConceptType.Part; return true;
            case "attribute": type = ConceptType.Attribute; return true;
            default: type = default; return false;
        }
    }
}
