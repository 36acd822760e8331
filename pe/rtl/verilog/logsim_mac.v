// logsim_mac: one multiply-accumulate of a logsim PE, combinational:
// acc_out = acc_in + a·w through the datapath of KIND (0 mult, 1 shift,
// 2 logboth), bit-exact with pe.Datapath.MAC. The parameters are the PE
// spec's fields (pe.Spec) and the layer's FSRs and fractional bits.
module logsim_mac #(
    parameter integer KIND       = 0,   // 0 mult, 1 shift, 2 logboth
    parameter integer ABITS      = 8,   // activation code bits
    parameter integer WBITS      = 8,   // weight code bits
    parameter integer ASIGNED    = 0,   // signed activations (as8)
    parameter integer ACC        = 32,  // accumulator bits
    parameter integer FRAC       = 0,   // accumulator fractional bits
    parameter integer FSRA       = 0,   // activation FSR
    parameter integer FSRW       = 0,   // weight FSR
    parameter integer BASE_SQRT2 = 0,   // log base √2 (else 2)
    parameter integer OVF_WRAP   = 0    // wrap on overflow (else saturate)
) (
    input  wire [ACC-1:0]   acc_in,
    input  wire [ABITS-1:0] a,
    input  wire [WBITS-1:0] w,
    output wire [ACC-1:0]   acc_out
);
    wire signed [ACC:0] t;
    generate
        if (KIND == 0) begin : g_mult
            logsim_mult_product #(.ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                                  .FSRA(FSRA), .FSRW(FSRW), .OVF_WRAP(OVF_WRAP))
                u_product (.a(a), .w(w), .t(t));
        end else if (KIND == 1) begin : g_shift
            logsim_shift_product #(.ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                                   .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
                u_product (.a(a), .w(w), .t(t));
        end else begin : g_logboth
            logsim_logboth_product #(.ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                                     .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
                u_product (.a(a), .w(w), .t(t));
        end
    endgenerate
    logsim_accumulate #(.ACC(ACC), .OVF_WRAP(OVF_WRAP)) u_acc (.acc_in(acc_in), .t(t), .acc_out(acc_out));
endmodule
