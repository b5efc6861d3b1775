namespace HndGate.Engine.Dissection;

/// <summary>R7 for one unit and one concept of its region: P_k and whether P_k > 1.5 / K_r.</summary>
public sealed record ConceptProbability(string Concept, double Probability, bool Interpretable);
