import type { Product } from "../catalog";
import { AeroPress } from "./aeropress";
import { ColdBrewJar, DripperOnCup, FrenchPress, Grinder, Scale } from "./brewers";
import { Chemex } from "./chemex";
import { Beans, CoffeeBag } from "./coffee-bag";
import { Kettle } from "./kettle";
import { IcedGlass, Mug } from "./mug";
import { ART } from "./palette";
import { Backdrop, Mountains } from "./scenery";
import { Place } from "./shapes";
import { Stove } from "./stove";

// Each product drawn as a small still life on a 400 x 300 stage; the table top is at y = 250.

interface Scene {
  tint: string;
  glow: string;
  draw: () => React.ReactNode;
}

const SCENES: Record<string, Scene> = {
  "aeropress-coffee-maker": {
    tint: "#f1e3d3",
    glow: "#fbf3ea",
    draw: () => (
      <>
        <Place x={200} y={250} scale={1.25}>
          <Mug color={ART.matte} edge="#1d2022" />
        </Place>
        <Place x={200} y={174} scale={0.78}>
          <AeroPress />
        </Place>
      </>
    ),
  },
  "msr-reactor-2-5l-stove-system": {
    tint: "#dfe7e3",
    glow: "#f2f6f3",
    draw: () => (
      <Place x={200} y={252} scale={1.2}>
        <Stove />
      </Place>
    ),
  },
  "bunum-wo-aa-papua-new-guinea": {
    tint: "#f3dccb",
    glow: "#fbeee4",
    draw: () => (
      <>
        <Place x={200} y={250} scale={1.12}>
          <CoffeeBag />
        </Place>
        <Beans
          spots={[
            [110, 246, 30],
            [128, 252, -20],
            [292, 248, 60],
            [276, 255, 10],
            [306, 256, -35],
          ]}
        />
      </>
    ),
  },
  "chemex-classic-6-cup-coffee-maker": {
    tint: "#e3e9ee",
    glow: "#f5f8fa",
    draw: () => (
      <Place x={200} y={254} scale={1.03}>
        <Chemex />
      </Place>
    ),
  },
  "the-chemex-kit": {
    tint: "#efe2d0",
    glow: "#f9f1e6",
    draw: () => (
      <>
        <Place x={76} y={250} scale={0.9}>
          <Grinder />
        </Place>
        <Place x={310} y={250} scale={0.92}>
          <Kettle />
        </Place>
        <Place x={180} y={250} scale={1}>
          <Scale />
        </Place>
        <Place x={180} y={232} scale={0.84}>
          <Chemex />
        </Place>
      </>
    ),
  },
  "the-pour-over-kit": {
    tint: "#e6ece2",
    glow: "#f4f7f1",
    draw: () => (
      <>
        <Place x={70} y={250} scale={0.72}>
          <CoffeeBag />
        </Place>
        <Place x={300} y={250} scale={1.02}>
          <Kettle body={ART.matte} edge="#1d2022" />
        </Place>
        <Place x={164} y={250} scale={1.12}>
          <DripperOnCup />
        </Place>
      </>
    ),
  },
  "the-campers-kit": {
    tint: "#dde7ee",
    glow: "#f3f7fa",
    draw: () => (
      <>
        <Mountains />
        <Place x={140} y={252} scale={1}>
          <Stove />
        </Place>
        <Place x={250} y={252} scale={0.8}>
          <AeroPress />
        </Place>
        <Place x={336} y={252} scale={0.95}>
          <Mug color="#5f7a61" edge="#465c48" steam />
        </Place>
      </>
    ),
  },
  "the-french-press-kit": {
    tint: "#f2e0d4",
    glow: "#fbf0e8",
    draw: () => (
      <>
        <Place x={86} y={252} scale={1}>
          <Mug color="#d9896a" edge="#b86a4c" steam />
        </Place>
        <Place x={196} y={252} scale={1.08}>
          <FrenchPress />
        </Place>
        <Place x={318} y={252} scale={1}>
          <Mug color="#f7f3ec" steam />
        </Place>
      </>
    ),
  },
  "the-cold-brew-kit": {
    tint: "#dfe6ee",
    glow: "#f3f6fa",
    draw: () => (
      <>
        <Place x={170} y={252} scale={1.05}>
          <ColdBrewJar />
        </Place>
        <Place x={292} y={252} scale={1.05}>
          <IcedGlass />
        </Place>
      </>
    ),
  },
};

/** The product's drawing; decorative (the product's name is always next to it). */
export function ProductArt({ product, className }: { product: Product; className?: string }) {
  const scene = SCENES[product.path];
  return (
    <svg className={className} viewBox="0 0 400 300" aria-hidden="true" focusable="false" role="presentation">
      <Backdrop tint={scene?.tint ?? "#eee6dc"} glow={scene?.glow ?? "#f8f3ec"} />
      {scene?.draw()}
    </svg>
  );
}
