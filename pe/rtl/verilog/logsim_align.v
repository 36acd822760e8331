// logsim_align: aligns a product v·2^s to the accumulator LSB with a
// constant shift C: t = floor(v · 2^(s + C)) (two's complement: the bits
// below the LSB are dropped), then fits t into OUTW bits: for a saturating
// accumulator (WRAP = 0) it clamps t, since a clamped term is out of the
// accumulator's range whatever it holds and saturates it the same way as
// the exact term; for a wrapping one it keeps t's low OUTW bits, which are
// all the accumulator's low bits depend on. This is step 2 of pe/doc.go
// ("alignment").
module logsim_align #(
    parameter integer VW   = 16,  // bits of v (signed)
    parameter integer SW   = 1,   // bits of s (unsigned)
    parameter integer SMAX = 0,   // largest value s takes
    parameter integer C    = 0,   // constant shift (negative: right, floor)
    parameter integer OUTW = 33,  // bits of t (accumulator bits + 1)
    parameter integer WRAP = 0    // the accumulator wraps (else saturates)
) (
    input  wire signed [VW-1:0]   v,
    input  wire        [SW-1:0]   s,
    output wire signed [OUTW-1:0] t
);
    localparam integer LW = VW + SMAX;               // v <<< s, exact
    localparam integer WW = (C > 0) ? LW + C : LW;   // after the constant shift
    wire signed [LW-1:0] vx = v;                     // sign-extended
    wire signed [LW-1:0] left = vx <<< s;
    wire signed [WW-1:0] lx = left;
    wire signed [WW-1:0] wide;
    generate
        if (C >= 0) begin : g_left
            assign wide = lx <<< C;
        end else begin : g_right
            assign wide = lx >>> (-C);
        end
        if (WW <= OUTW) begin : g_fits
            assign t = wide;
        end else if (WRAP != 0) begin : g_low
            assign t = wide[OUTW-1:0];
        end else begin : g_clamp
            wire signed [WW-1:0] hi = {{(WW-OUTW+1){1'b0}}, {(OUTW-1){1'b1}}};
            wire signed [WW-1:0] lo = ~hi;
            assign t = (wide > hi) ? hi[OUTW-1:0] : (wide < lo) ? lo[OUTW-1:0] : wide[OUTW-1:0];
        end
    endgenerate
endmodule
