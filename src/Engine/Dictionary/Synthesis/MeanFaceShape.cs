namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// The mean frontal face of the parametric model: 68 landmarks in iBUG 300-W order, made left-right symmetric,
/// centred on their centroid and scaled so that the jaw (points 0 to 16) is one unit wide; x right, y down.
/// Source: the 68-point alignment template of OpenFace (Amos et al. 2016, openface/align_dlib.py), a mean of
/// dlib landmarks. Depth (z, towards the viewer) is a head-shaped guess used only to turn the face (yaw).
/// </summary>
internal static class MeanFaceShape
{
    // Declared first: static fields initialise in textual order and Points is built from it.
    private static readonly double[] Template =
    [
        0.0792396913815, 0.339223741112, 0.0829219487236, 0.456955367943, 0.0967927109165, 0.575648016728,
        0.122141515615, 0.691921601066, 0.168687863544, 0.800341263616, 0.239789390707, 0.895732504778,
        0.325662452515, 0.977068762493, 0.422318282013, 1.04329000149, 0.531777802068, 1.06080371126,
        0.641296298053, 1.03981924107, 0.738105872266, 0.972268833998, 0.824444363295, 0.889624082279,
        0.894792677532, 0.792494155836, 0.939395486253, 0.681546643421, 0.96111933829, 0.562238253072,
        0.970579841181, 0.441758925744, 0.971193274221, 0.322118743967, 0.163846223133, 0.249151738053,
        0.21780354657, 0.204255863861, 0.291299351124, 0.192367318323, 0.367460241458, 0.203582210627,
        0.4392945113, 0.233135599851, 0.586445962425, 0.228141644834, 0.660152671635, 0.195923841854,
        0.737466449096, 0.182360984545, 0.813236546239, 0.192828009114, 0.8707571886, 0.235293377042,
        0.51534533827, 0.31863546193, 0.516221448289, 0.396200446263, 0.517118861835, 0.473797687758,
        0.51816430343, 0.553157797772, 0.433701156035, 0.604054457668, 0.475501237769, 0.62076344024,
        0.520712933176, 0.634268222208, 0.565874114041, 0.618796581487, 0.607054002672, 0.60157671656,
        0.252418718401, 0.331052263829, 0.298663015648, 0.302646354002, 0.355749724218, 0.303020650651,
        0.403718978315, 0.33867711083, 0.352507175597, 0.349987615384, 0.296791759886, 0.350478978225,
        0.631326076346, 0.334136672344, 0.679073381078, 0.29645404267, 0.73597236153, 0.294721285802,
        0.782865376271, 0.321305281656, 0.740312274764, 0.341849376713, 0.68499850091, 0.343734332172,
        0.353167761422, 0.746189164237, 0.414587777921, 0.719053835073, 0.477677654595, 0.706835892494,
        0.522732900812, 0.717092275768, 0.569832064287, 0.705414478982, 0.635195811927, 0.71565572516,
        0.69951672331, 0.739419187253, 0.639447159575, 0.805236879972, 0.576410514055, 0.835436670169,
        0.525398405766, 0.841706377792, 0.47641545769, 0.837505914975, 0.41379548902, 0.810045601727,
        0.380084785646, 0.749979603086, 0.477955996282, 0.74513234612, 0.523389793327, 0.748924302636,
        0.571057789237, 0.74332894691, 0.672409137852, 0.744177032192, 0.572539621444, 0.776609286626,
        0.5240106503, 0.783370783245, 0.477561227414, 0.778476346951,
    ];

    /// <summary>iBUG index of each point's mirror image (itself on the midline).</summary>
    public static IReadOnlyList<int> Mirror { get; } = BuildMirror();

    /// <summary>The 68 model points.</summary>
    public static IReadOnlyList<Point3> Points { get; } = Build();


    private static int[] BuildMirror()
    {
        var mirror = Enumerable.Range(0, 68).ToArray();
        void Pair(int a, int b)
        {
            mirror[a] = b;
            mirror[b] = a;
        }

        for (var i = 0; i < 8; i++)
        {
            Pair(i, 16 - i);
        }

        for (var i = 0; i < 5; i++)
        {
            Pair(17 + i, 26 - i);
        }

        Pair(31, 35);
        Pair(32, 34);
        Pair(36, 45);
        Pair(37, 44);
        Pair(38, 43);
        Pair(39, 42);
        Pair(40, 47);
        Pair(41, 46);
        Pair(48, 54);
        Pair(49, 53);
        Pair(50, 52);
        Pair(55, 59);
        Pair(56, 58);
        Pair(60, 64);
        Pair(61, 63);
        Pair(65, 67);
        return mirror;
    }

    private static Point3[] Build()
    {
        var mirror = BuildMirror();
        var x = new double[68];
        var y = new double[68];
        for (var i = 0; i < 68; i++)
        {
            x[i] = Template[2 * i];
            y[i] = Template[(2 * i) + 1];
        }

        // Symmetric: each point and its mirror image get the mean of their offsets from the midline.
        var sx = new double[68];
        var sy = new double[68];
        for (var i = 0; i < 68; i++)
        {
            sx[i] = (x[i] - x[mirror[i]]) / 2;
            sy[i] = (y[i] + y[mirror[i]]) / 2;
        }

        var scale = 1.0 / (sx[16] - sx[0]);
        var cy = sy.Average();
        var points = new Point3[68];
        for (var i = 0; i < 68; i++)
        {
            var px = sx[i] * scale;
            var py = (sy[i] - cy) * scale;
            points[i] = new Point3(px, py, Depth(i, px));
        }

        return points;
    }

    /// <summary>Depth of the rounded head at <paramref name="x"/>: an ellipse in plan, 0.45 deep at the centre.</summary>
    public static double HeadDepth(double x) => 0.45 * Math.Sqrt(Math.Max(0, 1 - ((x / 0.56) * (x / 0.56))));

    private static double Depth(int i, double x)
    {
        // The head, plus the nose and lips that stand out of it and the eyes set into it.
        var relief = i switch
        {
            27 => 0.03,
            28 => 0.07,
            29 => 0.11,
            30 => 0.16,
            31 or 35 => 0.06,
            32 or 34 => 0.08,
            33 => 0.1,
            >= 36 and <= 47 => -0.03,
            >= 48 and <= 67 => 0.04,
            >= 7 and <= 9 => 0.03,
            _ => 0,
        };
        return HeadDepth(x) + relief;
    }
}
