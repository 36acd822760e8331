// logsim_logboth_product: the logboth PE's aligned product ±β^(e_a + e_w)
// by an exponent adder and a decoder (logsim_align's shifter of a one).
// Each code is an optional sign bit over a magnitude c (0: zero) with
// exponent MINEXP − 1 + c, MINEXP = FSR − 2^m + 1; activations carry a sign
// bit only if ASIGNED, weights always. Base √2 as in logsim_shift_product.
module logsim_logboth_product #(
    parameter integer ABITS      = 4,
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
    localparam integer MA   = (ASIGNED != 0) ? ABITS - 1 : ABITS;
    localparam integer MW   = WBITS - 1;
    localparam integer SW   = ((MA > MW) ? MA : MW) + 1;           // exponent adder bits
    localparam integer SMAX = (1 << MA) - 1 + (1 << MW) - 1;
    localparam integer K    = (FSRA - (1 << MA)) + (FSRW - (1 << MW));  // e = K + c_a + c_w
    localparam integer K0   = ((K % 2) + 2) % 2;
    wire [MA-1:0] ca = a[MA-1:0];
    wire [MW-1:0] cw = w[MW-1:0];
    wire na = (ASIGNED != 0) ? a[ABITS-1] : 1'b0;
    wire nw = w[WBITS-1];
    wire zero = (ca == 0) || (cw == 0);
    wire [SW-1:0] s = ca + cw;                                      // exponent adder
    generate
        if (BASE_SQRT2 == 0) begin : g_base2
            wire signed [1:0] v = zero ? 2'sd0 : ((na ^ nw) ? -2'sd1 : 2'sd1);
            logsim_align #(.VW(2), .SW(SW), .SMAX(SMAX), .C(K + FRAC), .OUTW(ACC + 1), .WRAP(OVF_WRAP))
                u_align (.v(v), .s(s), .t(t));
        end else begin : g_sqrt2
            wire [SW:0] sp = s + K0;
            wire odd = sp[0];
            wire [SW-1:0] half = sp[SW:1];
            wire signed [9:0] m = odd ? 10'sd181 : 10'sd128;
            wire signed [9:0] v = zero ? 10'sd0 : ((na ^ nw) ? -m : m);
            logsim_align #(.VW(10), .SW(SW), .SMAX((SMAX + K0) / 2), .C((K - K0) / 2 + FRAC - 7), .OUTW(ACC + 1), .WRAP(OVF_WRAP))
                u_align (.v(v), .s(half), .t(t));
        end
    endgenerate
endmodule
