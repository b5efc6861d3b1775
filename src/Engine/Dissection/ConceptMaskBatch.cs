using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The concept masks M[n,c] of one batch of local images, at tally resolution S × S: one row per
/// (image, concept) pair the batch carries (C_n of each image), any order.
/// </summary>
/// <param name="Masks">L × S × S, binary: bool, uint8 or float holding only 0 and 1. An empty mask is
/// allowed (the image still carries the concept: its pixels count 0). The caller owns the tensor.</param>
/// <param name="Images">For each row, the image's 0-based position in the activation batch.</param>
/// <param name="Concepts">For each row, the concept's index in dictionary order
/// (<see cref="DissectionConcepts.Concepts"/>). An image carries a concept at most once.</param>
public sealed record ConceptMaskBatch(Tensor Masks, IReadOnlyList<int> Images, IReadOnlyList<int> Concepts);
