// logsim_shift_product: the shift PE's aligned product ±x·β^e. The weight
// code is a sign bit over a (WBITS−1)-bit magnitude c (0: zero); its
// exponent is e = MINEXPW − 1 + c, MINEXPW = FSRW − 2^(WBITS−1) + 1. Base 2
// (BASE_SQRT2 = 0) shifts x by c, with the constant part of the shift
// (e − c + e_a + FRAC) applied by logsim_align. Base √2 shifts by ⌊e/2⌋ and,
// for odd e, takes x·181 = (x≪7)+(x≪5)+(x≪4)+(x≪2)+x with 7 fraction bits
// (quant.Sqrt2Num), else x≪7 (pe.Datapath.scaleByPow).
module logsim_shift_product #(
    parameter integer ABITS      = 8,
    parameter integer WBITS      = 4,
    parameter integer ASIGNED    = 0,
    parameter integer ACC        = 32,
    parameter integer FRAC       = 0,
    parameter integer FSRA       = 0,
    parameter integer FSRW       = 0,
    parameter integer BASE_SQRT2 = 0,
    parameter integer OVF_WRAP   = 0
) (
    input  wire [ABITS-1:0] a,
    input  wire [WBITS-1:0] w,
    output wire signed [ACC:0] t
);
    localparam integer MW      = WBITS - 1;                        // magnitude bits
    localparam integer EA      = FSRA - (ASIGNED != 0 ? ABITS - 1 : ABITS);
    localparam integer MINEXPW = FSRW - (1 << MW) + 1;
    localparam integer K       = MINEXPW - 1;                      // e = K + c
    localparam integer K0      = ((K % 2) + 2) % 2;                // K mod 2 (floor)
    localparam integer CMAX    = (1 << MW) - 1;
    wire signed [ABITS:0] x = (ASIGNED != 0) ? {a[ABITS-1], a} : {1'b0, a};
    wire [MW-1:0] c = w[MW-1:0];
    wire neg = w[WBITS-1];
    wire zero = (c == 0);
    wire signed [ABITS+1:0] sx = neg ? -x : x;
    generate
        if (BASE_SQRT2 == 0) begin : g_base2
            wire signed [ABITS+1:0] v = zero ? 0 : sx;
            logsim_align #(.VW(ABITS + 2), .SW(MW), .SMAX(CMAX), .C(K + EA + FRAC), .OUTW(ACC + 1), .WRAP(OVF_WRAP))
                u_align (.v(v), .s(c), .t(t));
        end else begin : g_sqrt2
            // e = c' + (K − K0) with c' = c + K0: ⌊e/2⌋ = ⌊c'/2⌋ + (K − K0)/2, odd iff c'[0].
            wire [MW:0] cp = c + K0;
            wire odd = cp[0];
            wire [MW-1:0] half = cp[MW:1];
            wire signed [ABITS+9:0] sx181 = (sx <<< 7) + (sx <<< 5) + (sx <<< 4) + (sx <<< 2) + sx;
            wire signed [ABITS+9:0] sx128 = sx <<< 7;
            wire signed [ABITS+9:0] v = zero ? 0 : (odd ? sx181 : sx128);
            logsim_align #(.VW(ABITS + 10), .SW(MW), .SMAX((CMAX + K0) / 2), .C((K - K0) / 2 + EA + FRAC - 7),
                           .OUTW(ACC + 1), .WRAP(OVF_WRAP))
                u_align (.v(v), .s(half), .t(t));
        end
    endgenerate
endmodule
