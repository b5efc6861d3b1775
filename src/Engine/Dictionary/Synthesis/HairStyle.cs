namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>The hair cuts the renderer draws.</summary>
public enum HairStyle
{
    Short,
    Bob,
    Long,
    Receding,
}
