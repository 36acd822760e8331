// logsim_array: an R×C systolic array of logsim PEs in the dataflow
// DATAFLOW (0 OS, 1 WS, 2 IS) with its edge skew buffers. The edges take
// unskewed vectors; lane l of each edge reaches the array l cycles later
// (logsim_skew). PE parameters as logsim_mac.
//
//   left lane i (row i):  {valid, first, last, code}: the stream (OS: the
//                         P×K operand's activations; WS: activations; IS:
//                         weights), first/last of its fold's elements
//   top lane j (column j): OS {valid, weight code}; WS/IS {valid, row the
//                         value is bound for, stationary code} (the column
//                         load path)
//   out_valid/out[i][j]:  OS: PE(i,j)'s finished sum; WS/IS: the partial
//                         sum leaving the bottom of column j (row R−1)
module logsim_array #(
    parameter integer DATAFLOW = 0,
    parameter integer R = 4, C = 4,
    parameter integer KIND = 0, ABITS = 8, WBITS = 8, ASIGNED = 0, ACC = 32,
    parameter integer FRAC = 0, FSRA = 0, FSRW = 0, BASE_SQRT2 = 0, OVF_WRAP = 0,
    // derived: do not override
    parameter integer DW    = (R > 1) ? $clog2(R) : 1,
    parameter integer SBITS = (DATAFLOW == 2) ? WBITS : ABITS,
    parameter integer TBITS = (DATAFLOW == 0) ? WBITS : ((DATAFLOW == 2) ? ABITS : WBITS),
    parameter integer LW    = 3 + SBITS,
    parameter integer TW    = (DATAFLOW == 0) ? 1 + WBITS : 1 + DW + TBITS
) (
    input  wire              clk,
    input  wire              rst,
    input  wire [R*LW-1:0]   left,
    input  wire [C*TW-1:0]   top,
    output wire [R*C-1:0]    out_valid,
    output wire [R*C*ACC-1:0] out
);
    wire [R*LW-1:0] left_s;
    wire [C*TW-1:0] top_s;
    logsim_skew #(.LANES(R), .WIDTH(LW)) u_left (.clk(clk), .in(left), .out(left_s));
    logsim_skew #(.LANES(C), .WIDTH(TW)) u_top (.clk(clk), .in(top), .out(top_s));

    // h: what moves right (index j is the input of column j); v: what moves
    // down (index i is the input of row i); p: partial sums moving down.
    // (OS has no partial sums, and its cells do not use the top lane's
    // valid bit.)
    wire [LW-1:0]  h [0:R-1][0:C];
    /* verilator lint_off UNUSEDSIGNAL */
    wire [TW-1:0]  v [0:R][0:C-1];
    wire [ACC-1:0] p [0:R][0:C-1];
    /* verilator lint_on UNUSEDSIGNAL */
    genvar i, j;
    generate
        for (i = 0; i < R; i = i + 1) begin : g_left
            assign h[i][0] = left_s[i*LW +: LW];
        end
        for (j = 0; j < C; j = j + 1) begin : g_top
            assign v[0][j] = top_s[j*TW +: TW];
            assign p[0][j] = {ACC{1'b0}};
        end
        for (i = 0; i < R; i = i + 1) begin : g_row
            for (j = 0; j < C; j = j + 1) begin : g_col
                wire [LW-1:0] hi = h[i][j];
                /* verilator lint_off UNUSEDSIGNAL */
                wire [TW-1:0] vi = v[i][j];  // OS: its valid bit is unused
                /* verilator lint_on UNUSEDSIGNAL */
                wire          ov;
                wire [ACC-1:0] ot;
                if (DATAFLOW == 0) begin : g_os
                    wire       hv, hf, hl;
                    wire [SBITS-1:0] ha;
                    wire [WBITS-1:0] vw;
                    logsim_os_cell #(.KIND(KIND), .ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC),
                                     .FRAC(FRAC), .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
                        u_pe (.clk(clk), .rst(rst),
                              .a_valid(hi[LW-1]), .a_first(hi[LW-2]), .a_last(hi[LW-3]), .a(hi[SBITS-1:0]),
                              .w(vi[WBITS-1:0]),
                              .a_valid_q(hv), .a_first_q(hf), .a_last_q(hl), .a_q(ha), .w_q(vw),
                              .out_valid(ov), .out(ot));
                    assign h[i][j+1] = {hv, hf, hl, ha};
                    assign v[i+1][j] = {1'b0, vw};
                    assign p[i+1][j] = {ACC{1'b0}};
                end else begin : g_st
                    wire             sv, sf, lv;
                    wire [SBITS-1:0] sq;
                    wire [DW-1:0]    ld;
                    wire [TBITS-1:0] lq;
                    logsim_stationary_cell #(.KIND(KIND), .ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC),
                                             .FRAC(FRAC), .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2),
                                             .OVF_WRAP(OVF_WRAP), .IS(DATAFLOW == 2 ? 1 : 0), .ROW(i), .DW(DW))
                        u_pe (.clk(clk), .rst(rst),
                              .s_valid(hi[LW-1]), .s_first(hi[LW-2]), .s(hi[SBITS-1:0]),
                              .p_in(p[i][j]),
                              .l_valid(vi[TW-1]), .l_dest(vi[TBITS +: DW]), .l(vi[TBITS-1:0]),
                              .s_valid_q(sv), .s_first_q(sf), .s_q(sq), .p_q(p[i+1][j]),
                              .l_valid_q(lv), .l_dest_q(ld), .l_q(lq),
                              .out_valid(ov), .out(ot));
                    assign h[i][j+1] = {sv, sf, 1'b0, sq};
                    assign v[i+1][j] = {lv, ld, lq};
                end
                assign out_valid[i*C+j] = (DATAFLOW == 0 || i == R - 1) ? ov : 1'b0;
                assign out[(i*C+j)*ACC +: ACC] = ot;
            end
        end
    endgenerate
endmodule
