# Makes the small .npy fixtures the NpyReader tests read (run once; outputs are committed).
# python3 make_npy_fixtures.py   (numpy >= 1.17)
import numpy as np

a = (np.arange(2 * 3 * 2 * 2, dtype=np.float32) * 0.25 - 1.0).reshape(2, 3, 2, 2)
np.save("f32_2x3x2x2.npy", a)
np.save("f16_2x3x2x2.npy", a.astype(np.float16))
np.save("f64_2x2.npy", np.ones((2, 2), dtype=np.float64))
np.save("fortran_2x3.npy", np.asfortranarray(np.ones((2, 3), dtype=np.float32)))
