namespace HndGate.Engine.Dictionary;

/// <summary>The kind of a local concept (paper §3: action units, parts, attributes).</summary>
public enum ConceptType
{
    ActionUnit,
    Part,
    Attribute,
}
