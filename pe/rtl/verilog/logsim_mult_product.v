// logsim_mult_product: the mult PE's aligned product. The codes are the
// linear levels themselves (two's complement weights; activations signed
// if ASIGNED), so the product is q_a·q_w in units of 2^(e_a + e_w) with
// e_a = FSRA − b_a, e_w = FSRW − (WBITS − 1) (b_a = ABITS − 1 if signed,
// else ABITS), aligned by e_a + e_w + FRAC (pe.Datapath.Product, Term).
module logsim_mult_product #(
    parameter integer ABITS   = 8,
    parameter integer WBITS   = 8,
    parameter integer ASIGNED = 0,
    parameter integer ACC     = 32,
    parameter integer FRAC    = 0,
    parameter integer FSRA    = 0,
    parameter integer FSRW    = 0,
    parameter integer OVF_WRAP = 0
) (
    input  wire [ABITS-1:0] a,
    input  wire [WBITS-1:0] w,
    output wire signed [ACC:0] t
);
    localparam integer EA = FSRA - (ASIGNED != 0 ? ABITS - 1 : ABITS);
    localparam integer EW = FSRW - (WBITS - 1);
    wire signed [ABITS:0] qa = (ASIGNED != 0) ? {a[ABITS-1], a} : {1'b0, a};
    wire signed [WBITS-1:0] qw = w;
    wire signed [ABITS+WBITS:0] p = qa * qw;
    logsim_align #(.VW(ABITS + WBITS + 1), .SW(1), .SMAX(0), .C(EA + EW + FRAC), .OUTW(ACC + 1), .WRAP(OVF_WRAP))
        u_align (.v(p), .s(1'b0), .t(t));
endmodule
