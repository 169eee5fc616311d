import assert from 'node:assert/strict';
import { benjaminiHochberg, compareProportions, fisherExactTwoSided, pooledTwoProportionZ, rocAuc, wilsonInterval } from '../../../src/engine/stats';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b} (±${tol})`);

// Reference values from scipy 1.17, printed by:
// python3 -c "
// from scipy.stats import norm, fisher_exact, false_discovery_control
// import math
// def wilson(x,n,a=0.05):
//     z=norm.ppf(1-a/2); p=x/n
//     c=(p+z*z/(2*n))/(1+z*z/n); h=z*math.sqrt(p*(1-p)/n+z*z/(4*n*n))/(1+z*z/n)
//     return (c-h,c+h)
// for x,n in [(0,10),(7,10),(81,100),(50,50),(1,3)]: print('wilson',x,n,'%.12f %.12f'%wilson(x,n))
// print('wilson90 7/10 %.12f %.12f'%wilson(7,10,0.10))
// for t in [((3,7),(9,1)),((12,5),(3,14)),((0,10),(5,5)),((20,80),(35,65))]: print('fisher',t,'%.12g'%fisher_exact(t)[1])
// def z2(x1,n1,x2,n2):
//     p=(x1+x2)/(n1+n2); se=math.sqrt(p*(1-p)*(1/n1+1/n2)); z=(x1/n1-x2/n2)/se; return z, 2*norm.sf(abs(z))
// print('z', z2(82,100,55,100)); print('z', z2(30,120,70,130))
// print('bh', list(false_discovery_control([0.01,0.04,0.03,0.20,0.001])))"
// (The Wilson formula is statsmodels' proportion_confint(method='wilson'); statsmodels is not installed here.)
describe('analysis stats', () => {
  it('Wilson interval matches the scipy-computed reference', () => {
    const ref: Array<[number, number, number, number, number]> = [
      [0, 10, 0.95, 0, 0.277532799863],
      [7, 10, 0.95, 0.396778147461, 0.892208732594],
      [81, 100, 0.95, 0.722211546209, 0.874852484902],
      [50, 50, 0.95, 0.928652400867, 1],
      [1, 3, 0.95, 0.06149194472, 0.792340399198],
      [7, 10, 0.9, 0.44169979587, 0.873123416097],
    ];
    for (const [x, n, level, lo, hi] of ref) {
      const ci = wilsonInterval(x, n, level);
      close(ci.low, lo, 1e-9);
      close(ci.high, hi, 1e-9);
    }
  });

  it('Fisher exact two-sided p matches scipy.stats.fisher_exact', () => {
    close(fisherExactTwoSided(3, 7, 9, 1), 0.0197666110979, 1e-10);
    close(fisherExactTwoSided(12, 5, 3, 14), 0.00489579257292, 1e-10);
    close(fisherExactTwoSided(0, 10, 5, 5), 0.0325077399381, 1e-10);
    close(fisherExactTwoSided(20, 80, 35, 65), 0.0261179521251, 1e-9);
  });

  it('two-proportion z test matches the pooled formula', () => {
    const a = pooledTwoProportionZ(82, 100, 55, 100);
    close(a.z, 4.110060395497887, 1e-9);
    close(a.p, 3.955556465618824e-5, 1e-12);
    const b = pooledTwoProportionZ(30, 120, 70, 130);
    close(b.z, -4.651302547095317, 1e-9);
    close(b.p, 3.2984499852269536e-6, 1e-12);
  });

  it('uses Fisher for small expected counts and z otherwise', () => {
    assert.equal(compareProportions(3, 10, 9, 10).method, 'fisher');
    assert.equal(compareProportions(82, 100, 55, 100).method, 'z');
  });

  it('Benjamini–Hochberg matches scipy.stats.false_discovery_control', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.2, 0.001]);
    [0.025, 0.05, 0.05, 0.2, 0.005].forEach((v, i) => close(q[i]!, v, 1e-12));
  });

  it('ROC AUC counts ties as half (Mann–Whitney U / n1 n0)', () => {
    close(rocAuc([0.1, 0.4, 0.35, 0.8, 0.8, 0.2], [false, false, true, true, false, true]), 0.5, 1e-12);
    close(rocAuc([0.9, 0.8, 0.1], [true, true, false]), 1, 1e-12);
  });
});
