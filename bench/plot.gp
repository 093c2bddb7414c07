# plot.gp: the ratios of make bench as bars, each with its spread and its
# target.  gnuplot -c bench/plot.gp ratios.tsv bench.png
set terminal pngcairo size 1000,600 font "sans,11" background rgb "white"
set output ARG2
set termoption noenhanced
set datafile separator "\t"
set title "Lunatik against its baseline in the same guest (median, min-max; dots: targets)"
set logscale y
set yrange [0.1:100]
set ylabel "ratio"
set grid ytics
set xtics rotate by -35 left nomirror
set boxwidth 0.6
set style fill solid 0.5 border -1
set key top left
set bmargin 12
plot ARG1 using 0:2:xtic(1) with boxes lc rgb "#4a7ab0" title "ratio", \
	"" using 0:2:3:4 with yerrorbars lc rgb "black" pt -1 notitle, \
	"" using 0:($5 > 0 ? $5 : NaN) with points pt 7 ps 1.2 lc rgb "#c03030" title "target"
